# family: args
# hazard: none
# line: none
# files: l6kit/db.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/psycopg/psycopg/issues/651 -- the maintainer's answer applied: each worker process creates its own ConnectionPool from the conninfo string after it starts; only the string travels
import sys
from multiprocessing import Process, Queue

from l6kit.db import CONNINFO, make_pool


def serve(worker_id, conninfo, out):
    pool = make_pool(conninfo)
    out.put(f"{worker_id}:{pool.name}:{pool.max_size}")


def main():
    out = Queue()
    procs = [Process(target=serve, args=(i, CONNINFO, out)) for i in range(2)]
    for p in procs:
        p.start()
    seen = sorted(out.get() for _ in procs)
    for p in procs:
        p.join()
    print("RESULT=" + ",".join(seen))


if __name__ == "__main__":
    sys.exit(main())

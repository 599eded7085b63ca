# family: args
# hazard: unpicklable-argument
# line: 20
# files: l6kit/db.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/psycopg/psycopg/issues/651 -- an app-wide psycopg_pool ConnectionPool is created before the worker processes start and handed to each of them; connections and pools cannot be shared across processes, and under spawn the pool cannot even be pickled (its locks)
import sys
from multiprocessing import Process, Queue

from l6kit.db import make_pool


def serve(worker_id, pool, out):
    out.put(f"{worker_id}:{pool.name}:{pool.max_size}")


def main():
    pool = make_pool()
    out = Queue()
    procs = [Process(target=serve, args=(i, pool, out)) for i in range(2)]
    for p in procs:
        p.start()
    seen = sorted(out.get() for _ in procs)
    for p in procs:
        p.join()
    print("RESULT=" + ",".join(seen))


if __name__ == "__main__":
    sys.exit(main())

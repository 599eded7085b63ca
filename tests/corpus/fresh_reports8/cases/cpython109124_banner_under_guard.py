# family: import_side_effect
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/109124 -- the answer in the thread: anything that must run once goes under `if __name__ == '__main__':`; the run log is started there, and the re-imported worker only defines task()
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

RUN_LOG = Path(tempfile.gettempdir()) / "r8_109124_guarded.log"


def task():
    with RUN_LOG.open("a") as fh:
        fh.write("hello world\n")
    return os.getpid()


if __name__ == "__main__":
    parent = os.getpid()
    RUN_LOG.write_text(f"001 at {parent}\n")
    with open(RUN_LOG, "a") as fh:
        fh.write(f"002 --- {parent}\n")
    pool = ProcessPoolExecutor(max_workers=1)
    pool.submit(task).result()
    pool.shutdown(True)
    lines = RUN_LOG.read_text().splitlines()
    ok = lines == [f"001 at {parent}", f"002 --- {parent}", "hello world"]
    print(f"RESULT={len(lines)},{'same' if ok else 'rewritten'}")
    if not ok:
        sys.exit(3)

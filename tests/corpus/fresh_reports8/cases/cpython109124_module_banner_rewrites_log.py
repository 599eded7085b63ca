# family: import_side_effect
# hazard: import-side-effect
# line: 13
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/python/cpython/issues/109124 -- "Why does 001 appear twice?": the module-level print(f"001 at {os.getpid()}") of a ProcessPoolExecutor script runs again in the worker on Windows; here the module-level line starts the run log, and the re-imported worker starts it again, over the parent's line
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

RUN_LOG = Path(tempfile.gettempdir()) / "r8_109124_banner.log"
RUN_LOG.write_text(f"001 at {os.getpid()}\n")


def task():
    with RUN_LOG.open("a") as fh:
        fh.write("hello world\n")
    return os.getpid()


if __name__ == "__main__":
    parent = os.getpid()
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

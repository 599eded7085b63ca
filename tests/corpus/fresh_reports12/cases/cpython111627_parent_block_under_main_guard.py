# family: import_side_effect
# hazard: none
# line: none
# files: r12kit/runlog.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/111627 -- the reliable test for "this is the parent" at import time is `__name__ == "__main__"` (a spawned child re-imports the script as __mp_main__); the run log is started under it, so the workers only append to it
import multiprocessing as mp
import sys

from r12kit.runlog import RunLog

RUN = None


def work(item):
    RunLog.current().write(f"item {item}")
    return item * item


def main():
    ctx = mp.get_context()
    procs = [ctx.Process(target=work, args=(i,)) for i in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    starts = RUN.starts()
    RUN.remove()
    print(f"RESULT=starts:{starts}")
    return 0 if starts == 1 else 3


if __name__ == "__main__":
    RUN = RunLog.start()
    sys.exit(main())

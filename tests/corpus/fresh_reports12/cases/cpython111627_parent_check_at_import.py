# family: import_side_effect
# hazard: import-side-effect
# line: 12 13
# files: r12kit/runlog.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/python/cpython/issues/111627 -- "mp.parent_process() is None in global scope spawn-ed subprocess": a module-level `if mp.parent_process() is None:` meant to do "only parent stuff" is also true while a spawned child re-imports the main module; here the parent-only block starts the run log, and each spawned worker starts it again
import multiprocessing as mp
import sys

from r12kit.runlog import RunLog

if mp.parent_process() is None:
    RUN = RunLog.start()


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
    sys.exit(main())

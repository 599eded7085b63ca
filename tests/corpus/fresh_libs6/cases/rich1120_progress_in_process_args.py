# family: args
# hazard: unpicklable-argument
# line: 23
# expect: fork=wrong_result spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Textualize/rich/issues/1120 -- the Progress object handed to a Process as an argument: under spawn it cannot be pickled (its RLock), and under fork the child advances a copy so the parent's bar never moves ("Progress bars won't work when serialized across processes")
import sys
import time
from multiprocessing import Process

from rich.console import Console
from rich.progress import Progress


def func(job, pbar):
    for _ in range(10):
        time.sleep(0.005)
        pbar.update(job, advance=1)


def entry():
    with Progress(console=Console(stderr=True), auto_refresh=False) as pbar:
        task1 = pbar.add_task(description="Process 1", total=10)
        p1 = Process(target=func, args=(task1, pbar))
        p1.start()
        p1.join()
        done = int(pbar.tasks[0].completed)
    print(f"RESULT={done}")
    return 0 if done == 10 else 3


if __name__ == "__main__":
    sys.exit(entry())

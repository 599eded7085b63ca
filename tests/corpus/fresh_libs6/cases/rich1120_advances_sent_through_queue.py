# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Textualize/rich/issues/1120 -- the suggested shape: the child sends its progress through a multiprocessing Queue and the main process, which owns the Progress, applies each advance
import sys
import time
from multiprocessing import Process, Queue

from rich.console import Console
from rich.progress import Progress


def func(steps, updates):
    for _ in range(steps):
        time.sleep(0.005)
        updates.put(1)
    updates.put(None)


def entry():
    updates = Queue()
    with Progress(console=Console(stderr=True), auto_refresh=False) as pbar:
        task1 = pbar.add_task(description="Process 1", total=10)
        p1 = Process(target=func, args=(10, updates))
        p1.start()
        while (step := updates.get()) is not None:
            pbar.update(task1, advance=step)
        p1.join()
        done = int(pbar.tasks[0].completed)
    print(f"RESULT={done}")
    return 0 if done == 10 else 3


if __name__ == "__main__":
    sys.exit(entry())

# family: globals
# hazard: child-mutates-global
# line: 18
# expect: fork=wrong_result spawn=error:KeyError forkserver=error:KeyError
# note: https://github.com/Textualize/rich/issues/121 -- a module-level rich Progress advanced by progress.update() inside Pool workers; on Linux each worker updates its forked copy and the bar never moves ("it draws progress bar but numbers are not increasing")
import sys
import time
from multiprocessing import Pool

from rich.console import Console
from rich.progress import Progress

progress = Progress(console=Console(stderr=True), auto_refresh=False)


def do_work(n, task_total):
    time.sleep(0.01)
    progress.update(task_total, advance=1)
    return n


def main():
    progress.start()
    task_total = progress.add_task("[cyan]Completed...", total=20)
    with Pool(processes=2) as pool:
        data = pool.starmap(do_work, [(n, task_total) for n in range(20)])
    progress.stop()
    done = int(progress.tasks[0].completed)
    print(f"RESULT={len(data)},{done}")
    return 0 if done == 20 else 3


if __name__ == "__main__":
    sys.exit(main())

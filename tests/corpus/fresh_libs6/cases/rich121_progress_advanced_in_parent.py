# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Textualize/rich/issues/121 -- the maintainer's fix: one Progress in the main process, the workers only compute, and the parent advances the bar as results arrive from imap_unordered
import sys
import time
from multiprocessing import Pool

from rich.console import Console
from rich.progress import Progress


def do_work(n):
    time.sleep(0.01)
    return n


def main():
    with Progress(console=Console(stderr=True), auto_refresh=False) as progress:
        task_id = progress.add_task("[cyan]Completed...", total=20)
        with Pool(processes=2) as pool:
            for _ in pool.imap_unordered(do_work, range(20)):
                progress.advance(task_id)
        done = int(progress.tasks[0].completed)
    print(f"RESULT={done}")
    return 0 if done == 20 else 3


if __name__ == "__main__":
    sys.exit(main())

# family: poolctx
# hazard: pool-results-lost
# line: 24
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: a repo line-counter that queues apply_async per file with a callback into self.totals and leaves the with-Pool block without waiting.
import multiprocessing as mp
import sys
import time


def count_lines(name):
    time.sleep(0.5)
    return len(name) * 10


class LineCounter:
    def __init__(self, files):
        self.files = files
        self.totals = []

    def run(self):
        with mp.Pool(2) as pool:
            for name in self.files:
                pool.apply_async(count_lines, (name,), callback=self.totals.append)
        return self.totals


if __name__ == "__main__":
    totals = LineCounter(["setup.py", "main.py", "util.py"]).run()
    print("RESULT=%d" % len(totals))
    sys.exit(0 if len(totals) == 3 else 3)

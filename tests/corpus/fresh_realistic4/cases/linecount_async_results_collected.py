# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the line-counter keeping the AsyncResults in self.pending and calling get() on each inside the with-Pool block.
import multiprocessing as mp
import sys
import time


def count_lines(name):
    time.sleep(0.5)
    return len(name) * 10


class LineCounter:
    def __init__(self, files):
        self.files = files
        self.pending = []

    def run(self):
        with mp.Pool(2) as pool:
            for name in self.files:
                self.pending.append(pool.apply_async(count_lines, (name,)))
            return [r.get() for r in self.pending]


if __name__ == "__main__":
    totals = LineCounter(["setup.py", "main.py", "util.py"]).run()
    print("RESULT=%d" % len(totals))
    sys.exit(0 if len(totals) == 3 else 3)

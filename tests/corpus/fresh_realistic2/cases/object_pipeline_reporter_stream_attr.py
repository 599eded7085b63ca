# family: object
# hazard: unpicklable-argument
# line: 43
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/geophile/marcel/issues/4 ("Pickle failure" when marcel's Job object, holding its environment and streams, is handed to a child process). An ETL Pipeline owns `self.reporter`, whose `stream` is set by a later `attach()` call to an open log file; each chunk task carries `self.reporter` into ProcessPoolExecutor.map, so the attribute's attribute (a TextIOWrapper) is pickled under every start method.
"""Sum sales per region in chunks, reporting progress to a log file.

Usage: sales_etl.py [--chunk N]
"""
import argparse
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

SALES = [("north", 12), ("south", 7), ("north", 3), ("east", 9), ("south", 1), ("east", 4)]


class Reporter:
    def __init__(self):
        self.stream = None

    def attach(self, path):
        self.stream = open(path, "a")

    def note(self, text):
        if self.stream is not None:
            self.stream.write(text + "\n")


class Pipeline:
    def __init__(self, chunk):
        self.chunk = chunk
        self.reporter = Reporter()

    def chunks(self, rows):
        for start in range(0, len(rows), self.chunk):
            yield rows[start:start + self.chunk]

    def run(self, rows):
        totals = {}
        parts = list(self.chunks(rows))
        with ProcessPoolExecutor(max_workers=2) as pool:
            for part in pool.map(sum_chunk, parts, [self.reporter] * len(parts)):
                for region, amount in part.items():
                    totals[region] = totals.get(region, 0) + amount
        return totals


def sum_chunk(rows, reporter):
    out = {}
    for region, amount in rows:
        out[region] = out.get(region, 0) + amount
    reporter.note(f"chunk of {len(rows)}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk", type=int, default=2)
    args = parser.parse_args()

    pipeline = Pipeline(args.chunk)
    pipeline.reporter.attach(os.path.join(tempfile.mkdtemp(), "etl.log"))
    print(pipeline.run(SALES))


if __name__ == "__main__":
    main()

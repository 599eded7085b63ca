# family: callable
# hazard: unpicklable-callable
# line: 29
# files: etlkit/parallel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/uber/bayesmark/pull/8 (a function built inside a constructor, "Can't pickle local object"; here the pipeline stores the closure returned by etlkit.parallel.make_transform in self.transform during setup() and run() maps it with ProcessPoolExecutor)
import logging
import sys
from concurrent.futures import ProcessPoolExecutor

from etlkit.parallel import make_transform

log = logging.getLogger("normalise")


class Pipeline:
    def __init__(self, name, workers=2):
        self.name = name
        self.workers = workers
        self.transform = None

    def setup(self, stats):
        factor = 1.0 / stats["max"]
        self.transform = make_transform(factor)
        log.info("pipeline %s: factor %.3f", self.name, factor)

    def run(self, values):
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(self.transform, values, chunksize=2))


def load_values():
    return [2.0, 4.0, 6.0, 8.0]


def main():
    logging.basicConfig(level=logging.WARNING)
    values = load_values()
    pipe = Pipeline("sensor-a")
    pipe.setup({"max": max(values)})
    out = pipe.run(values)
    print("RESULT=%s" % out)
    if out != [0.25, 0.5, 0.75, 1.0]:
        sys.exit(3)


if __name__ == "__main__":
    main()

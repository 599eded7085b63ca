# family: callable
# hazard: none
# line: none
# files: r23kit/instrument_fixed.py r23kit/recorder.py r23kit/geometry.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/getappmap/appmap-python/pull/202 -- the PR's fix (getappmap/wrapt 7dcec81): "updates the __reduce_ex__ method of FunctionWrapper so it just returns the fully-qualified name of the wrapped function. This is enough to enable the function to be pickled and unpickled", so the instrumented function handed to the pool pickles as a lookup of its module and name
"""Compute shape statistics in a process pool while an instrumentation agent records calls."""
import argparse
import sys
from multiprocessing import Pool

from r23kit import geometry
from r23kit.instrument_fixed import instrument


class ShapeReport:
    def __init__(self, shapes, processes=2):
        self.shapes = shapes
        self.processes = processes
        self.measures = {"area": geometry.area, "perimeter": geometry.perimeter}

    def run(self):
        out = {}
        with Pool(self.processes) as pool:
            for name, fn in self.measures.items():
                out[name] = round(sum(pool.map(fn, self.shapes)), 2)
        return out


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true", default=True)
    args = parser.parse_args(argv)
    if args.record:
        recorder = instrument(geometry, ["area", "perimeter"])
    report = ShapeReport(geometry.sample_shapes()).run()
    print("events", len(recorder.events))
    print(f"RESULT={report['area']}:{report['perimeter']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

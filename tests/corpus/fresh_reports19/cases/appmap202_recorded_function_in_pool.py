# family: callable
# hazard: proxy-wrapper-without-reduce-as-pool-task
# line: 26 r23kit/instrument.py:27
# files: r23kit/instrument.py r23kit/recorder.py r23kit/geometry.py
# expect: fork=error:NotImplementedError spawn=error:NotImplementedError forkserver=error:NotImplementedError
# note: https://github.com/getappmap/appmap-python/pull/202 -- "fix: make sure FunctionWrappers can be pickled" (fixes #200): "The multiprocessing modules requires that the callable passed to it be pickleable. Prior to these changes, passing it an instrumented function would fail": the agent replaces the application's functions with wrapt FunctionWrapper proxies whose __reduce_ex__ raises NotImplementedError("object proxy must define __reduce_ex__()"), and the application hands the instrumented function to multiprocessing
"""Compute shape statistics in a process pool while an instrumentation agent records calls."""
import argparse
import sys
from multiprocessing import Pool

from r23kit import geometry
from r23kit.instrument import instrument


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

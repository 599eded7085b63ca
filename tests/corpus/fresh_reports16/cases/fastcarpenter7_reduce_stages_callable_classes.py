# family: callable
# hazard: none
# line: none
# files: r16kit/carpenter.py r16kit/reductions.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/benkrikler/fast-carpenter-testImport2/issues/44 -- the fix (merge request !9, commit 4bb103aa): the reductions are instances of module-level callable classes (PandasAggregate, PandasNth) and the numpy-op table holds a module-level function, so the stages pickle into the workers
"""Run the reduce stages of a fast-carpenter-like config over event chunks in worker processes."""
import argparse
import multiprocessing
import sys

from r16kit.carpenter import STAGE_CONFIG, ReduceStage, make_chunks
from r16kit.reductions import get_pandas_reduction


class Sequence:
    def __init__(self, stage_configs):
        self.stages = []
        for cfg in stage_configs:
            reduction = get_pandas_reduction(cfg["name"], cfg["reduce"])
            self.stages.append(ReduceStage(cfg["name"], cfg["key"], cfg["column"], reduction))

    def names(self):
        return [s.name for s in self.stages]


def process_chunk(task):
    stages, rows = task
    return {s.name: s.apply(rows) for s in stages}


def merge(outputs, names):
    totals = {}
    for name in names:
        totals[name] = sum(sum(out[name].values()) for out in outputs)
    return totals


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ncores", type=int, default=2)
    parser.add_argument("--chunks", type=int, default=3)
    args = parser.parse_args(argv)
    sequence = Sequence(STAGE_CONFIG)
    chunks = make_chunks(args.chunks)
    with multiprocessing.Pool(args.ncores) as pool:
        outputs = pool.map(process_chunk, [(sequence.stages, rows) for rows in chunks])
    totals = merge(outputs, sequence.names())
    print("RESULT=" + ",".join("%s=%g" % (k, v) for k, v in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

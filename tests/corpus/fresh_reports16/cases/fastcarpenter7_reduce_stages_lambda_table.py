# family: callable
# hazard: lambda-returned-into-pool-args
# line: 47 r16kit/reductions_lambda.py:9 r16kit/reductions_lambda.py:17 r16kit/reductions_lambda.py:20 r16kit/reductions_lambda.py:26
# files: r16kit/carpenter.py r16kit/reductions_lambda.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/benkrikler/fast-carpenter-testImport2/issues/44 -- "Multiprocessing broken by lambdas in reductions.py" (fast-carpenter gitlab issue 7): merge request !8 made get_pandas_reduction return lambdas (and keep one in its table of numpy ops); the configured stages carry them and the multiprocessing backend pickles the stages with every chunk it sends to a worker
"""Run the reduce stages of a fast-carpenter-like config over event chunks in worker processes."""
import argparse
import multiprocessing
import sys

from r16kit.carpenter import STAGE_CONFIG, ReduceStage, make_chunks
from r16kit.reductions_lambda import get_pandas_reduction


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

# family: callable
# hazard: lambda-pool-initializer-in-helper-class
# line: 31 r22kit/triqler_pool_lambda.py:12
# files: r22kit/triqler_pgm.py r22kit/triqler_pool_lambda.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/statisticalbiotechnology/triqler/issues/8 -- "Multiprocessing fails on Windows": AttributeError: Can't pickle local object 'MyPool.__init__.<locals>.<lambda>' -- MyPool (multiprocessing_pool.py) built its Pool with initializer `lambda : init_worker(warningFilter)`, which spawn must pickle for every worker; fork inherits it
"""Protein-level posteriors in a process pool (a triqler-like command line, much reduced)."""
from __future__ import print_function

import argparse
import sys

from r22kit import triqler_pool_lambda as pool
from r22kit.triqler_pgm import get_posteriors, protein_table


def parse_args():
    apars = argparse.ArgumentParser(description="Triqler (reduced)")
    apars.add_argument("--fold_change_eval", type=float, default=0.8)
    apars.add_argument("--num_threads", type=int, default=2)
    apars.add_argument("--warning_filter", default="ignore", choices=["ignore", "default", "error"])
    args = apars.parse_args()
    return {
        "foldChangeEval": args.fold_change_eval,
        "numThreads": args.num_threads,
        "warningFilter": args.warning_filter,
    }


def getPosteriors(proteins, params):
    processingPool = pool.MyPool(processes=params["numThreads"], warningFilter=params["warningFilter"])
    names = sorted(proteins)
    for name in names:
        processingPool.applyAsync(get_posteriors, [proteins[name], params])
    posteriors = processingPool.checkPool(printProgressEvery=50)
    return dict(zip(names, posteriors))


def main():
    params = parse_args()
    posteriors = getPosteriors(protein_table(), params)
    significant = sorted(name for name, p in posteriors.items() if p > 0.5)
    print("RESULT=" + ",".join(significant))
    return 0 if significant == ["P1", "P3", "P5"] else 3


if __name__ == "__main__":
    sys.exit(main())

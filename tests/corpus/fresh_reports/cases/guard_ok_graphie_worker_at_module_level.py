# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A variant that works, from the same report (https://github.com/thomas0809/GraphIE/issues/6): the worker is a module-level function and gets the GPU count with its job, so the spawned workers that re-import the dispatcher find it.
"""Dispatch one training run per hyper-parameter setting to a pool of workers."""
import argparse
import itertools
import multiprocessing
import sys


def build_command(setting):
    lr, dropout, fold = setting
    return "python main.py --lr %s --dropout %s --fold %d" % (lr, dropout, fold)


def parse(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpus", type=int, default=2)
    parser.add_argument("--folds", type=int, default=2)
    return parser.parse_args(argv)


def worker(job):
    index, gpus, setting = job
    gpu = index % gpus
    command = build_command(setting)
    return "CUDA_VISIBLE_DEVICES=%d %s" % (gpu, command)


if __name__ == "__main__":
    args = parse(sys.argv[1:])
    settings = list(itertools.product([0.01, 0.001], [0.1, 0.3], range(args.folds)))
    pool = multiprocessing.Pool(args.gpus)
    commands = pool.map(worker, [(i, args.gpus, s) for i, s in enumerate(settings)])
    pool.close()
    pool.join()
    print("RESULT=%d" % len(commands))

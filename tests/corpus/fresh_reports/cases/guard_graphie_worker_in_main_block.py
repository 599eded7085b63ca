# family: guard
# hazard: target-in-main-block
# line: 37
# timeout: 10
# expect: fork=ok spawn=attribute_error_mp_main+hang forkserver=attribute_error_mp_main+hang
# note: Shape of https://github.com/thomas0809/GraphIE/issues/6 ("AttributeError: Can't get attribute 'worker' on <module '__mp_main__' from '...\\sentence-level\\dispatcher_twitter.py'>" on Windows): a dispatcher script defines its worker inside the main block and hands it to a Pool; spawned workers re-import the script as __mp_main__, where the worker was never defined.
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


if __name__ == "__main__":
    args = parse(sys.argv[1:])
    settings = list(itertools.product([0.01, 0.001], [0.1, 0.3], range(args.folds)))

    def worker(job):
        index, setting = job
        gpu = index % args.gpus
        command = build_command(setting)
        return "CUDA_VISIBLE_DEVICES=%d %s" % (gpu, command)

    pool = multiprocessing.Pool(args.gpus)
    commands = pool.map(worker, list(enumerate(settings)))
    pool.close()
    pool.join()
    print("RESULT=%d" % len(commands))

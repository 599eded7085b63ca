# family: callable
# hazard: unpicklable-target
# line: 38 r9kit/async_runner.py:11
# files: r9kit/async_runner.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/chainer/chainerrl/issues/145 -- "AttributeError: Can't pickle local object 'run_async.<locals>.set_seed_and_run'" on Windows: train_agent_async defines set_seed_and_run inside the function and hands it to run_async, whose Process(target=run_func) must be pickled where fork is not the start method
import argparse
import os
import sys
from dataclasses import dataclass

from r9kit.async_runner import run_async, set_random_seed


@dataclass
class AsyncConfig:
    processes: int = 2
    seed: int = 0
    steps: int = 5
    outdir: str = "results"


def train_loop(process_idx, steps, outdir):
    total = sum(range(steps)) + process_idx
    return os.path.join(outdir, f"agent{process_idx}_{total}")


def train_agent_async(config):
    process_seeds = [config.seed * config.processes + i for i in range(config.processes)]

    def run_func(process_idx):
        train_loop(process_idx, config.steps, config.outdir)

    def set_seed_and_run(process_idx):
        set_random_seed(process_seeds[process_idx])
        run_func(process_idx)

    return run_async(config.processes, set_seed_and_run)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    codes = train_agent_async(AsyncConfig(processes=args.processes, seed=args.seed))
    print(f"RESULT={codes}")
    return 0 if codes == [0] * args.processes else 1


if __name__ == "__main__":
    sys.exit(main())

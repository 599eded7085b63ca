# family: callable
# hazard: none
# line: none
# files: r9kit/async_runner.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/chainer/chainerrl/issues/145 -- the Windows-safe shape: set_seed_and_run and run_func live at module level and the per-run values are bound with functools.partial, so the Process target pickles by reference under spawn
import argparse
import functools
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


def set_seed_and_run(process_seeds, steps, outdir, process_idx):
    set_random_seed(process_seeds[process_idx])
    train_loop(process_idx, steps, outdir)


def train_agent_async(config):
    process_seeds = [config.seed * config.processes + i for i in range(config.processes)]
    run = functools.partial(set_seed_and_run, process_seeds, config.steps, config.outdir)
    return run_async(config.processes, run)


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

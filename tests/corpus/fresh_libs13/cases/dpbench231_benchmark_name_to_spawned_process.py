# family: args
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/benchmarks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/IntelPython/dpbench/pull/231 -- near miss: the change the PR makes, passing only what the child needs (the benchmark name, its size and the implementation name) and loading the benchmark again inside the spawned process
"""Run every implementation of the selected benchmarks, each in its own spawned process."""
import argparse
import multiprocessing as mp
from dataclasses import dataclass

from l25kit.benchmarks import load_benchmark


@dataclass
class RunResult:
    bench: str
    impl: str
    value: float


def _exec(bench_name, size, impl, queue):
    bench = load_benchmark(bench_name, size)
    queue.put(RunResult(bench.name, impl, bench.run_impl(impl)))


class Runner:
    def __init__(self, names, size):
        self.benchmarks = [load_benchmark(n, size) for n in names]
        self.ctx = mp.get_context("spawn")

    def run_one(self, bench, impl):
        queue = self.ctx.Queue()
        proc = self.ctx.Process(target=_exec, args=(bench.name, bench.size, impl, queue))
        proc.start()
        result = queue.get(timeout=30)
        proc.join()
        return result

    def run_all(self):
        results = []
        for bench in self.benchmarks:
            for impl in bench.impl_mods:
                results.append(self.run_one(bench, impl))
        return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20)
    args = parser.parse_args()
    results = Runner(["black_scholes", "pairwise_distance"], args.size).run_all()
    print(f"RESULT={len(results)}:{int(sum(r.value for r in results))}")


if __name__ == "__main__":
    main()

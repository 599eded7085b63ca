# family: daemon
# hazard: daemon-children
# line: 31 38 rz8kit/parallel.py:10
# files: rz8kit/parallel.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/manu-mannattil/nolitsa/pull/1 -- "If functions are called from within a Pool in a parent script, the parent script will fail because it is unable to create new Process instances in a daemonized environment": the user's script maps over series with a Pool and each task calls the library's utils.parallel_map, which opens its own Pool inside the daemonic worker
import sys
from dataclasses import dataclass
from multiprocessing import Pool

from rz8kit.parallel import parallel_map


@dataclass
class SurrogateTest:
    name: str
    series: list
    surrogates: int = 3

    def shuffled(self, seed):
        data = list(self.series)
        return data[seed % len(data):] + data[:seed % len(data)]


def statistic(series, lag):
    return sum(a * b for a, b in zip(series, series[lag:])) / len(series)


def run_test(test):
    values = [test.shuffled(seed) for seed in range(test.surrogates)]
    stats = parallel_map(statistic, values, args=(1,))
    return test.name, statistic(test.series, 1), max(stats)


def main():
    tests = [SurrogateTest("henon", [0.1, 0.4, -0.2, 0.9, 0.3]), SurrogateTest("noise", [0.5, -0.5, 0.2, 0.1])]
    with Pool(2) as pool:
        for name, observed, worst in pool.map(run_test, tests):
            print(name, round(observed, 3), round(worst, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())

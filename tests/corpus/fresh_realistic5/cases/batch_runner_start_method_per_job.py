# family: start_method
# hazard: set-start-method-misuse
# line: 32
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/dials/dials/issues/2746 -- every job runner applies the start method from its config in __init__; the second runner's call raises.
"""Batch runner: executes the jobs listed in a config, each with its own worker pool."""
import multiprocessing as mp
import sys
from dataclasses import dataclass, field

CONFIG = {
    "start_method": "spawn",
    "jobs": [
        {"name": "resize", "items": [3, 4, 5]},
        {"name": "encode", "items": [10, 20]},
    ],
}


def square(n):
    return n * n


@dataclass
class JobRunner:
    name: str
    items: list
    start_method: str = "spawn"
    results: list = field(default_factory=list)

    def __post_init__(self):
        mp.set_start_method(self.start_method)

    def run(self):
        with mp.Pool(2) as pool:
            self.results = pool.map(square, self.items)
        return self.results


def build_runners(config):
    method = config.get("start_method", "spawn")
    return [JobRunner(job["name"], job["items"], method) for job in config["jobs"]]


def main():
    done = {}
    for runner in build_runners(CONFIG):
        done[runner.name] = sum(runner.run())
    print("RESULT=" + str(done))
    return 0 if done == {"resize": 50, "encode": 500} else 3


if __name__ == "__main__":
    sys.exit(main())

# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dials/dials/issues/2746 -- each runner asks for a context of the configured method (get_context, falling back to the default where the method is unavailable) instead of setting the global method.
"""Batch runner: executes the jobs listed in a config, each with its own worker pool."""
import multiprocessing as mp
import sys
from dataclasses import dataclass, field

CONFIG = {
    "start_method": "forkserver" if sys.platform != "win32" else "spawn",
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
        try:
            self.ctx = mp.get_context(self.start_method)
        except ValueError:
            self.ctx = mp.get_context()

    def run(self):
        with self.ctx.Pool(2) as pool:
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

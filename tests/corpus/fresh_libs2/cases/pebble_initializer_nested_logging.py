# family: pebble
# hazard: unpicklable-callable
# line: 32
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: software-mansion/protostar#705 and python/cpython#142249 (an initializer that is a lambda or local function; fine while workers fork, fails when the worker Process is pickled) with pebble's ProcessPool(initializer=) built inside a function from a settings object.
"""Worker pool whose workers configure logging from the job settings."""
import logging
import sys
from dataclasses import dataclass

from pebble import ProcessPool


@dataclass
class JobSettings:
    workers: int = 2
    log_level: int = logging.WARNING
    prefix: str = "job"


def work(n):
    logging.getLogger("job").info("working on %s", n)
    return n * n


def run(settings):
    def init_worker():
        logging.basicConfig(level=settings.log_level,
                            format=f"{settings.prefix} %(message)s")

    with ProcessPool(max_workers=settings.workers, initializer=init_worker) as pool:
        future = pool.map(work, range(5))
        return list(future.result())


def main():
    squares = run(JobSettings())
    print(f"RESULT={squares}")
    if squares != [0, 1, 4, 9, 16]:
        sys.exit(3)


if __name__ == "__main__":
    main()

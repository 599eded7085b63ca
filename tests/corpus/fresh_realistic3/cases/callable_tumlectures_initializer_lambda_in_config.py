# family: callable
# hazard: unpicklable-callable
# line: 37
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14 ("Can't pickle local object 'main.<locals>.<lambda>'" from a Pool initializer); here the lambda sits in a dataclass RunConfig built in main() and reaches Pool(initializer=...) through getattr
import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Callable, Optional

_worker_state = {}


def init_worker(prefix):
    _worker_state["prefix"] = prefix


def fetch_title(course_id):
    return "%s%s" % (_worker_state.get("prefix", "?"), course_id)


@dataclass
class RunConfig:
    workers: int = 2
    init_fn: Optional[Callable] = None
    init_args: tuple = ()


def build_config():
    prefix = os.environ.get("COURSE_PREFIX", "IN")
    return RunConfig(workers=2, init_fn=lambda: init_worker(prefix))


def scrape(config, ids):
    hook = getattr(config, "init_fn")
    with multiprocessing.Pool(config.workers, initializer=hook, initargs=config.init_args) as pool:
        return pool.map(fetch_title, ids)


def main():
    config = build_config()
    titles = scrape(config, [2064, 2241, 2382])
    print("RESULT=%s" % ",".join(titles))
    if titles != ["IN2064", "IN2241", "IN2382"]:
        sys.exit(3)


if __name__ == "__main__":
    main()

# family: callable
# hazard: unpicklable-callable
# line: 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: a thumbnail batcher whose ThumbJob dataclass stores a resizer built by a factory closure, mapped over image paths with ProcessPoolExecutor.
import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable


def make_resizer(size):
    def resize(path):
        return f"{path}@{size}"
    return resize


@dataclass
class ThumbJob:
    paths: list
    resizer: Callable = field(default=None)


def process(job, workers):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        return list(ex.map(job.resizer, job.paths))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    job = ThumbJob(paths=["a.jpg", "b.jpg"], resizer=make_resizer(args.size))
    print("RESULT=" + ",".join(process(job, args.workers)))


if __name__ == "__main__":
    main()

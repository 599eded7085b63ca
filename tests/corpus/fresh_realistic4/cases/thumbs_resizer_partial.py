# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the thumbnail batcher storing functools.partial(r4kit.transforms.resize, size=...) in the dataclass instead of a closure.
import argparse
import functools
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from r4kit.transforms import resize


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
    job = ThumbJob(paths=["a.jpg", "b.jpg"], resizer=functools.partial(resize, size=args.size))
    print("RESULT=" + ",".join(process(job, args.workers)))


if __name__ == "__main__":
    main()

# family: returns
# hazard: unpicklable-return
# line: 28
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Each pool task builds and returns a Batch dataclass whose default_factory adds a threading.Lock; the result travels back pickled on every start method and fails on '_thread.lock'. Modelled on https://github.com/gpustack/gpustack/pull/5232 (an object constructing a lock in __init__ could not cross the process boundary).
"""Build batches of work items in worker processes."""
import multiprocessing
import threading
from dataclasses import dataclass, field
from typing import List


@dataclass
class Batch:
    batch_id: int
    items: List[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, item):
        with self.lock:
            self.items.append(item)


def build_batch(batch_id):
    batch = Batch(batch_id)
    for i in range(3):
        batch.add(batch_id * 10 + i)
    return batch


def main():
    with multiprocessing.Pool(2) as pool:
        batches = pool.map(build_batch, range(3))
    for batch in batches:
        print(batch)


if __name__ == "__main__":
    main()

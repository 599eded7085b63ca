# family: daemon
# hazard: none
# line: none
# files: r27kit/convertapi.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ConvertAPI/convertapi-library-python/issues/19 -- the maintainers' work-round: "you can disable multiprocessing by setting max_parallel_uploads to 1: convertapi.max_parallel_uploads = 1"; the worker module sets it at import, so every task process (forked, or spawned and re-importing the module) uploads in-process
"""Invoice service worker: convert each batch of uploaded invoices to PDF in a prefork worker pool
(uploads in-process)."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r27kit import convertapi

# the task processes are daemonic and may not start processes of their own (ConvertAPI #19)
convertapi.max_parallel_uploads = 1


@dataclass
class Batch:
    customer: str
    files: list


def convert_batch(batch):
    """The task body, as the task queue runs it in one of its (daemonic) worker processes."""
    result = convertapi.convert("pdf", {"Files": batch.files})
    return batch.customer, result.total


class TaskQueue:
    def __init__(self, concurrency=2):
        self.concurrency = concurrency

    def run(self, batches):
        with multiprocessing.Pool(self.concurrency) as workers:
            return dict(workers.map(convert_batch, batches))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args(argv)
    batches = [Batch("acme", ["inv-001.docx", "inv-002.docx"]),
               Batch("globex", ["inv-101.docx", "inv-102.docx", "inv-103.docx"])]
    done = TaskQueue(args.concurrency).run(batches)
    print(f"RESULT=converted={sum(done.values())}")
    return 0 if done == {"acme": 2, "globex": 3} else 3


if __name__ == "__main__":
    sys.exit(main())

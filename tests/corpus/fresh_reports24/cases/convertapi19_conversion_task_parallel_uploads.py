# family: daemon
# hazard: daemon-children
# line: 25 r27kit/convertapi.py:26
# files: r27kit/convertapi.py
# timeout: 15
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/ConvertAPI/convertapi-library-python/issues/19 -- "Multiprocessing module not allowing children processes": convertapi.convert() uploads the files of a conversion through a multiprocessing pool, and called from a celery task (prefork workers are daemonic) it fails with "AssertionError: daemonic processes are not allowed to have children"; here the task queue's workers are a multiprocessing.Pool
"""Invoice service worker: convert each batch of uploaded invoices to PDF in a prefork worker pool."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from r27kit import convertapi


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

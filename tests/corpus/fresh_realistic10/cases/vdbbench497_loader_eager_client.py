# family: callable
# hazard: unpicklable-bound-target
# line: 38 s18kit/vdb_eager.py:22
# files: s18kit/vdb.py s18kit/vdb_eager.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/zilliztech/VectorDBBench/issues/497 -- "VectorDB load dataset error: cannot pickle '_thread.RLock' object (serial_runner.py:141)": the serial insert runner submits its own bound method to a ProcessPoolExecutor with an explicit spawn context, so the runner and its `db` client are pickled; a client that opens its connection in `__init__` (instead of in `init()` inside the worker) carries the driver's RLock
"""Load a generated dataset into a vector database, timing the insert stage."""
import argparse
import concurrent.futures
import multiprocessing as mp
import sys
import time

from s18kit import vdb
from s18kit import vdb_eager  # noqa: F401  registers "pg-eager"


def make_dataset(n, dim=4):
    return [[(i * 31 + d * 7) % 101 / 100.0 for d in range(dim)] for i in range(n)]


class SerialInsertRunner:
    def __init__(self, db, dataset, batch_size):
        self.db = db
        self.dataset = dataset
        self.batch_size = batch_size

    def task(self):
        count = 0
        with self.db.init() as db:
            for start in range(0, len(self.dataset), self.batch_size):
                count += db.insert_embeddings(self.dataset[start:start + self.batch_size])
        return count

    def run(self):
        ctx = mp.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as executor:
            future = executor.submit(self.task)
            return future.result()


class TaskRunner:
    stages = ("drop_old", "load", "optimize")

    def __init__(self, db_name, config, rows):
        self.db = vdb.DB_CLIENTS[db_name](config)
        self.dataset = make_dataset(rows)
        self.durations = {}

    def _load_train_data(self):
        runner = SerialInsertRunner(self.db, self.dataset, self.db.config.batch_size)
        return runner.run()

    def run_case(self):
        start = time.monotonic()
        count = self._load_train_data()
        self.durations["load"] = time.monotonic() - start
        return count


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="pg-eager", choices=sorted(vdb.DB_CLIENTS))
    ap.add_argument("--rows", type=int, default=230)
    ap.add_argument("--batch-size", type=int, default=50)
    args = ap.parse_args(argv)
    config = vdb.DBConfig(batch_size=args.batch_size)
    count = TaskRunner(args.db, config, args.rows).run_case()
    print("RESULT=%d" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

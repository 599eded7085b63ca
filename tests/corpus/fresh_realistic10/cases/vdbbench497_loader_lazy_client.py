# family: callable
# hazard: none
# line: none
# files: s18kit/vdb.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/zilliztech/VectorDBBench/issues/497 -- the project's client contract: a client keeps only its configuration and makes its connection in `init()`, a context manager entered inside the worker process, so the runner's bound method and its client pickle for the spawn-context executor
"""Load a generated dataset into a vector database, timing the insert stage."""
import argparse
import concurrent.futures
import multiprocessing as mp
import sys
import time

from s18kit import vdb


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
    ap.add_argument("--db", default="pg-lazy", choices=sorted(vdb.DB_CLIENTS))
    ap.add_argument("--rows", type=int, default=230)
    ap.add_argument("--batch-size", type=int, default=50)
    args = ap.parse_args(argv)
    config = vdb.DBConfig(batch_size=args.batch_size)
    count = TaskRunner(args.db, config, args.rows).run_case()
    print("RESULT=%d" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# family: args
# hazard: unpicklable-argument
# line: 38 40
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/toluaina/pgsync/issues/255 -- "Parallel Sync: AttributeError: Can't pickle local object 'create_engine.<locals>.connect'", a pickle error "that manifests in python 3.8+" (macOS's spawn default): the sync object that holds the SQLAlchemy engine goes to each parallel-sync process; this program syncs table partitions in processes whose target is a bound method of the engine-holding Sync object
"""Sync a table in parallel, one process per key range."""
import multiprocessing as mp
import os
import sys
import tempfile

import sqlalchemy as sa


class Sync:
    def __init__(self, url, table="book"):
        self.url = url
        self.table = table
        self.engine = sa.create_engine(url)

    def setup(self, rows):
        with self.engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE IF NOT EXISTS %s (id INTEGER PRIMARY KEY, title TEXT)" % self.table))
            conn.execute(sa.text("DELETE FROM %s" % self.table))
            for i in range(rows):
                conn.execute(sa.text("INSERT INTO %s VALUES (:i, :t)" % self.table), {"i": i, "t": "t%d" % i})

    def sync_range(self, lo, hi, out_q):
        with self.engine.connect() as conn:
            n = conn.execute(sa.text("SELECT COUNT(*) FROM %s WHERE id >= :lo AND id < :hi" % self.table),
                             {"lo": lo, "hi": hi}).scalar()
        out_q.put(n)

    def parallel_sync(self, rows, nprocs=2):
        self.engine.dispose()
        out_q = mp.Queue()
        step = rows // nprocs
        procs = [mp.Process(target=self.sync_range, args=(i * step, (i + 1) * step, out_q)) for i in range(nprocs)]
        for proc in procs:
            proc.start()
        total = 0
        for _ in procs:
            try:
                total += out_q.get(timeout=10)
            except Exception:
                break
        for proc in procs:
            proc.join(timeout=5)
        return total


def main():
    with tempfile.TemporaryDirectory() as tmp:
        sync = Sync("sqlite:///" + os.path.join(tmp, "pgsync.db"))
        sync.setup(rows=8)
        synced = sync.parallel_sync(rows=8, nprocs=2)
        sync.engine.dispose()
    print("RESULT=%d" % synced)
    return 0 if synced == 8 else 3


if __name__ == "__main__":
    sys.exit(main())

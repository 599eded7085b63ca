# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/toluaina/pgsync/issues/255 -- the usual fix for the parallel sync (also SQLAlchemy's advice for multiprocessing): the Sync object pickles without its engine (__getstate__ drops it) and each process makes its own engine from the URL on first use
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
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = sa.create_engine(self.url)
        return self._engine

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_engine"] = None
        return state

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

# family: args
# hazard: unpicklable-argument
# line: 29
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Meerschaum PR #39 (https://github.com/bmeares/Meerschaum/pull/39): "SQLAlchemy connection Pools are QueuePools and cannot be pickled"; a dask.bag (processes scheduler by default) maps a partial holding the engine made by l4kit.db.make_engine(), which cloudpickle fails on (an RLock in the pool).
import os
import tempfile
from functools import partial

import dask.bag as db
import sqlalchemy

from l4kit.db import make_engine, seed


def fetch_name(item_id, engine):
    with engine.connect() as conn:
        row = conn.execute(sqlalchemy.text("SELECT name FROM items WHERE id = :i"), {"i": item_id}).fetchone()
    return row[0]


class Sync:
    def __init__(self, path):
        self.engine = make_engine(path)

    def run(self, ids):
        engine = self.engine
        bag = db.from_sequence(ids, npartitions=2)
        names = bag.map(partial(fetch_name, engine=engine)).compute()
        return names


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "pipes.db")
    seed(path)
    print("RESULT=" + ",".join(Sync(path).run([1, 2, 3])))

# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: dill #74 (https://github.com/uqfoundation/dill/issues/74) reports a PicklingError for a SQLAlchemy Session through pathos; an Engine from l4kit.db.make_engine() (never connected in the parent) inside a functools.partial pickles with dill, and each pathos worker connects on its own.
import os
import tempfile
from functools import partial

import sqlalchemy
from pathos.multiprocessing import ProcessingPool as Pool

from l4kit.db import make_engine, seed


def fetch_name(item_id, engine):
    with engine.connect() as conn:
        row = conn.execute(sqlalchemy.text("SELECT name FROM items WHERE id = :i"), {"i": item_id}).fetchone()
    return row[0]


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "sessions.db")
    seed(path)
    engine = make_engine(path)
    pool = Pool(2)
    names = pool.map(partial(fetch_name, engine=engine), [1, 2, 3])
    pool.close()
    pool.join()
    print("RESULT=" + ",".join(names))

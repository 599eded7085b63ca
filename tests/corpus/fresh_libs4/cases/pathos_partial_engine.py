# family: args
# hazard: unpicklable-argument
# line: 28
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 10
# note: dill #74 (https://github.com/uqfoundation/dill/issues/74) reports a SQLAlchemy Session failing through pathos; an Engine from l4kit.db.make_engine() inside a functools.partial does pickle with dill, but dill's copy of the QueuePool's threading.RLock cannot be acquired (checked: dill.loads(dill.dumps(RLock())).acquire(timeout=1) is False), so the first engine.connect() in a pathos worker blocks forever and the map never returns.
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

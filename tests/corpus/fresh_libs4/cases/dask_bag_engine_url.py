# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: dssg/triage PR #539 (https://github.com/dssg/triage/pull/539): an engine that cannot be pickled is replaced by its URL; the dask.bag tasks receive the URL string and build their own engine with l4kit.db.make_engine-like create_engine calls in the worker.
import os
import tempfile

import dask.bag as db
import sqlalchemy

from l4kit.db import make_engine, seed


def fetch_name(item_id, url):
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as conn:
        row = conn.execute(sqlalchemy.text("SELECT name FROM items WHERE id = :i"), {"i": item_id}).fetchone()
    engine.dispose()
    return row[0]


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "pipes.db")
    seed(path)
    engine = make_engine(path)
    url = engine.url.render_as_string(hide_password=False)
    names = db.from_sequence([1, 2, 3], npartitions=2).map(fetch_name, url=url).compute()
    print("RESULT=" + ",".join(names))

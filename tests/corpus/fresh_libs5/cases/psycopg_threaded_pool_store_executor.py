# family: args
# hazard: unpicklable-argument
# line: 22
# files: l5kit/stores.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/psycopg/psycopg/issues/518 -- a Celery app with "a self construct class for SQL managing based on psycopg2 ThreadedConnectionPool"; the maintainer: you cannot share connections across processes. Handing that manager to process workers fails before any connection is made (the pool's threading.Lock).
import functools
from concurrent.futures import ProcessPoolExecutor

from l5kit.stores import PgStore

DSN = "dbname=events user=etl host=db.internal"


def load_partition(key, store=None):
    return store.table_for(key)


def load_all(store, keys):
    job = functools.partial(load_partition, store=store)
    with ProcessPoolExecutor(max_workers=2) as executor:
        return list(executor.map(job, keys))


if __name__ == "__main__":
    store = PgStore(DSN)
    print("RESULT=%d" % len(load_all(store, ["2023_01", "2023_02", "2023_03"])))

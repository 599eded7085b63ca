# family: args
# hazard: none
# line: none
# files: l5kit/stores.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/psycopg/psycopg/issues/518 -- the same manager on psycopg2's SimpleConnectionPool with no open connection: that pool has no lock and pickles, so the partial travels (each worker would connect on its own).
import functools
from concurrent.futures import ProcessPoolExecutor

from l5kit.stores import SimplePgStore

DSN = "dbname=events user=etl host=db.internal"


def load_partition(key, store=None):
    return store.table_for(key)


def load_all(store, keys):
    job = functools.partial(load_partition, store=store)
    with ProcessPoolExecutor(max_workers=2) as executor:
        return list(executor.map(job, keys))


if __name__ == "__main__":
    store = SimplePgStore(DSN)
    print("RESULT=%d" % len(load_all(store, ["2023_01", "2023_02", "2023_03"])))

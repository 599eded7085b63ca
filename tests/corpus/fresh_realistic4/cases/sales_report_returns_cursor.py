# family: results
# hazard: unpicklable-return
# line: 14
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: a sales report whose per-region worker returns what r4kit.db.query() gives back (a sqlite3.Cursor) to Pool.map.
import multiprocessing as mp

from r4kit import db


def region_amounts(region):
    conn = db.open_db()
    cursor = db.query(conn, region)
    return cursor


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        results = pool.map(region_amounts, ["north", "south"])
    print("RESULT=%d" % len(results))

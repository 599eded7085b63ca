# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the sales report worker returning cursor.fetchall() (a list of tuples) instead of the cursor.
import multiprocessing as mp

from r4kit import db


def region_amounts(region):
    conn = db.open_db()
    rows = db.query(conn, region).fetchall()
    return [amount for (amount,) in rows]


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        results = pool.map(region_amounts, ["north", "south"])
    print("RESULT=%.1f" % sum(map(sum, results)))

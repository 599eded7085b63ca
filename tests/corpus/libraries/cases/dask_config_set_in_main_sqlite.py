# family: dask
# hazard: unpicklable-argument
# line: 33
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: An inventory report sets the processes scheduler in `main()` with a `dask.config.set(...)` statement and hands one sqlite3 connection to every delayed query; computing sends the arguments with cloudpickle, which refuses the connection under every start method ("cannot pickle 'sqlite3.Connection' object"). Shape of https://github.com/uqfoundation/pathos/issues/186 (the same error with SQLite) with the global setting of https://docs.dask.org/en/stable/scheduling.html.
import os
import sqlite3
import tempfile

import dask


def make_db(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stock (item TEXT, qty INTEGER)")
    conn.executemany("INSERT INTO stock VALUES (?, ?)", [("bolt", 40), ("nut", 25), ("gear", 3)])
    conn.commit()
    return conn


@dask.delayed
def quantity(conn, item):
    row = conn.execute("SELECT qty FROM stock WHERE item = ?", (item,)).fetchone()
    return item, row[0] if row else 0


def main():
    dask.config.set({"scheduler": "processes"})
    folder = tempfile.mkdtemp()
    conn = make_db(os.path.join(folder, "stock.db"))
    items = ["bolt", "nut", "gear"]
    report = dask.compute(*[quantity(conn, item) for item in items])
    print("RESULT=" + str(dict(report)))


if __name__ == "__main__":
    main()

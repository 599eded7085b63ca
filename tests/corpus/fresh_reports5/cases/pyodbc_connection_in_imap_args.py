# family: args
# hazard: unpicklable-argument
# line: 34
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: pyodbc #433: a database connection went into the arguments of multiprocessing.Pool tasks ("can't pickle pyodbc.Connection objects"); the maintainer's advice is to pass the connection string and connect in the task; sqlite3 stands in for the ODBC driver (https://github.com/mkleehammer/pyodbc/issues/433)
import os
import sqlite3
import tempfile
from multiprocessing import Pool

DSN = os.path.join(tempfile.gettempdir(), "orders.sqlite")


class Repository:
    def __init__(self, dsn):
        self.dsn = dsn
        self.conn = sqlite3.connect(dsn)
        self.conn.execute("CREATE TABLE IF NOT EXISTS orders (id INTEGER, total REAL)")
        self.conn.executemany("INSERT INTO orders VALUES (?, ?)", [(i, i * 1.5) for i in range(4)])
        self.conn.commit()


def order_total(conn, order_id):
    row = conn.execute("SELECT total FROM orders WHERE id = ?", (order_id,)).fetchone()
    return row[0] if row else None


def order_total_star(args):
    return order_total(*args)


def report(repo, ids):
    with Pool(2) as pool:
        return list(pool.imap(order_total_star, ((repo.conn, i) for i in ids)))


if __name__ == "__main__":
    repo = Repository(DSN)
    print("RESULT=%s" % report(repo, [0, 1, 2]))

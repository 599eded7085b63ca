# family: returns
# hazard: unpicklable-return
# line: 29
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/coleifer/peewee/issues/1880 ("pool.map cannot pickle database or results object": worker functions returning query results objects tied to an open connection) and https://github.com/mkleehammer/pyodbc/issues/433. The report tool runs each query in a ProcessPoolExecutor worker and returns the sqlite3.Cursor itself, to iterate in the parent; the result cannot be pickled ("cannot pickle 'sqlite3.Cursor' object") under any start method.
"""Run the dashboard queries in parallel against a read-only SQLite snapshot."""
import os
import sqlite3
import tempfile
from concurrent.futures import ProcessPoolExecutor

QUERIES = {
    "orders_per_day": ("SELECT day, COUNT(*) FROM orders GROUP BY day", ()),
    "big_orders": ("SELECT id FROM orders WHERE total > ?", (50,)),
}


def build_snapshot(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER, day TEXT, total REAL)")
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?)",
                     [(1, "mon", 20.0), (2, "mon", 75.0), (3, "tue", 99.0)])
    conn.commit()
    conn.close()


def run_query(path, sql, params):
    conn = sqlite3.connect(path)
    return conn.execute(sql, params)


def main():
    path = os.path.join(tempfile.mkdtemp(prefix="dash-"), "snapshot.db")
    build_snapshot(path)
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_query, path, sql, params)
                   for name, (sql, params) in QUERIES.items()}
        tables = {name: list(f.result(timeout=10)) for name, f in futures.items()}
    print("RESULT=%s" % sorted((k, len(v)) for k, v in tables.items()))


if __name__ == "__main__":
    main()

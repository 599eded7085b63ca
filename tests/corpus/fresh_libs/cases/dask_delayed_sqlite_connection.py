# family: dask
# hazard: unpicklable-argument
# line: 36
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: A reporting script opens one sqlite3 connection and passes it to every delayed query, then computes on the processes scheduler. cloudpickle cannot serialise a sqlite3.Connection ("cannot pickle 'sqlite3.Connection' object") under any start method. Shape of https://github.com/uqfoundation/pathos/issues/186 (Maarten-vd-Sande: "I have the same with SQLite") and https://github.com/bmeares/Meerschaum/pull/39 (SQL connection pools cannot be pickled); the usual fix is to connect inside the task.
"""Row counts and sums per table from a local SQLite database."""
import os
import sqlite3
import tempfile

import dask

TABLES = {"sales": [(1, 9.5), (2, 3.0), (3, 4.5)], "refunds": [(1, 1.0)], "fees": [(1, 0.25), (2, 0.5)]}


def build_db(path):
    conn = sqlite3.connect(path)
    for table, rows in TABLES.items():
        conn.execute(f"CREATE TABLE {table} (id INTEGER, amount REAL)")
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
    conn.commit()
    return conn


@dask.delayed
def table_summary(conn, table):
    count, total = conn.execute(f"SELECT COUNT(*), SUM(amount) FROM {table}").fetchone()
    return table, count, total


def main():
    path = os.path.join(tempfile.mkdtemp(), "ledger.db")
    conn = build_db(path)
    parts = [table_summary(conn, t) for t in TABLES]
    rows = dask.compute(*parts, scheduler="processes", num_workers=2)
    for table, count, total in rows:
        print(f"{table:>8}: {count} rows, {total:.2f}")
    print("RESULT=" + str(sum(r[1] for r in rows)))


if __name__ == "__main__":
    main()

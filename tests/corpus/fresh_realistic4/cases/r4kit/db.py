import sqlite3


def open_db():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table sales(region text, amount real)")
    conn.executemany("insert into sales values (?, ?)",
                     [("north", 10.0), ("south", 20.5), ("north", 3.5)])
    return conn


def query(conn, region):
    return conn.execute("select amount from sales where region = ?", (region,))

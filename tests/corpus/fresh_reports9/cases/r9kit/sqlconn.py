"""Reduced DB-API-ish connection objects (modin read_sql thread): an engine that keeps a
threading.RLock for its connection pool, and a cheap description that can be rebuilt anywhere."""
import sqlite3
import threading
from dataclasses import dataclass


class Engine:
    """Like an SQLAlchemy engine: owns a pool guarded by an RLock."""

    def __init__(self, url):
        self.url = url
        self._pool_lock = threading.RLock()
        self._pool = []

    def connect(self):
        with self._pool_lock:
            return sqlite3.connect(self.url.split("///", 1)[1])


@dataclass(frozen=True)
class ConnectionSpec:
    """What the fix passes instead: a URL every worker turns into its own engine."""

    url: str

    def get_connection(self):
        return Engine(self.url).connect()


def make_table(path, rows):
    con = sqlite3.connect(path)
    con.execute("DROP TABLE IF EXISTS t")
    con.execute("CREATE TABLE t (id INTEGER, v INTEGER)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(i, i * i) for i in range(rows)])
    con.commit()
    con.close()

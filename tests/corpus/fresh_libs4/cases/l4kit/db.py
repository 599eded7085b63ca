"""Engines and repositories (SQLite files, so nothing needs a server)."""
import sqlite3
from dataclasses import dataclass

import sqlalchemy


def make_engine(path):
    return sqlalchemy.create_engine(f"sqlite:///{path}")


def seed(path, rows=8):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT OR REPLACE INTO items VALUES (?, ?)", [(i, f"item-{i}") for i in range(rows)])
    conn.commit()
    conn.close()


@dataclass
class Repository:
    path: str
    conn: sqlite3.Connection = None

    @classmethod
    def open(cls, path):
        return cls(path=path, conn=sqlite3.connect(path, check_same_thread=False))

    def name_of(self, item_id):
        row = self.conn.execute("SELECT name FROM items WHERE id = ?", (item_id,)).fetchone()
        return row[0] if row else None

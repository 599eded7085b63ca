# family: returns
# hazard: unpicklable-return
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A pool task "prepares" a database and hands the open sqlite3 connection back to the parent via apply_async; results are pickled under every start method and sqlite3.Connection cannot be. Modelled on https://github.com/coleifer/peewee/issues/1880 ("pool.map cannot pickle database or results object").
"""Prepare per-shard SQLite databases in worker processes."""
import multiprocessing
import os
import sqlite3
import tempfile


def prepare_shard(directory, shard):
    path = os.path.join(directory, f"shard{shard}.db")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS items (k INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO items (v) VALUES (?)", [(f"s{shard}-{i}",) for i in range(3)])
    conn.commit()
    return conn


def main():
    directory = tempfile.mkdtemp()
    try:
        with multiprocessing.Pool(2) as pool:
            pending = [pool.apply_async(prepare_shard, (directory, shard)) for shard in range(2)]
            conns = [p.get(timeout=10) for p in pending]
        for conn in conns:
            print(conn.execute("SELECT COUNT(*) FROM items").fetchone())
    finally:
        for name in os.listdir(directory):
            os.remove(os.path.join(directory, name))
        os.rmdir(directory)


if __name__ == "__main__":
    main()

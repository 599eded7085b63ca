# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/vallen-systems/vallenae/pull/17 ("Picklable sqlite3 connection": the reader classes reopen their database when unpickled instead of carrying the connection). The Store keeps an open sqlite3 connection but defines __reduce__ as (Store, (path,)), so a functools.partial carrying it is a valid Pool task under every start method; each worker opens its own connection.
"""Count events per type in a local SQLite file, one event type per pool task."""
import functools
import multiprocessing
import os
import sqlite3
import tempfile


class Store:
    def __init__(self, path):
        self.path = path
        self.conn = sqlite3.connect(path)

    def __reduce__(self):
        return (Store, (self.path,))

    def count(self, kind):
        (n,) = self.conn.execute("SELECT COUNT(*) FROM events WHERE kind = ?", (kind,)).fetchone()
        return n


def seed(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE events (kind TEXT)")
    conn.executemany("INSERT INTO events VALUES (?)", [("click",)] * 5 + [("view",)] * 3)
    conn.commit()
    conn.close()


def count_kind(store, kind):
    return kind, store.count(kind)


def main():
    path = os.path.join(tempfile.mkdtemp(prefix="events-"), "events.db")
    seed(path)
    store = Store(path)
    with multiprocessing.Pool(2) as pool:
        counts = dict(pool.map(functools.partial(count_kind, store), ["click", "view", "buy"]))
    print("RESULT=%s" % sorted(counts.items()))


if __name__ == "__main__":
    main()

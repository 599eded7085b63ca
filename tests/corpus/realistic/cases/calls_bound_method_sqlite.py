# family: calls
# hazard: unpicklable-callable
# line: 36
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: `worker.run` is the Process target and the Worker holds an open sqlite3 connection; the forked child inherits it, spawn/forkserver must pickle the instance and fail on 'sqlite3.Connection'. Modelled on https://github.com/sergioburdisso/solidwebpush/issues/3 (multiprocessing pickling `self`: "can't pickle sqlite3.Connection objects").
"""Export rows of a local SQLite database from a background process."""
import multiprocessing
import os
import sqlite3
import tempfile


class ExportWorker:
    def __init__(self, db_path):
        self.db_path = db_path
        self.conn = sqlite3.connect(db_path)

    def run(self, out):
        rows = self.conn.execute("SELECT name, qty FROM stock ORDER BY name").fetchall()
        out.put(rows)


def create_db(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE stock (name TEXT, qty INTEGER)")
        conn.executemany("INSERT INTO stock VALUES (?, ?)",
                         [("bolts", 120), ("nuts", 80), ("washers", 300)])


def main():
    tmpdir = tempfile.mkdtemp()
    db_path = os.path.join(tmpdir, "stock.db")
    create_db(db_path)
    worker = ExportWorker(db_path)
    out = multiprocessing.Queue()
    proc = multiprocessing.Process(target=worker.run, args=(out,))
    proc.start()
    print(out.get(timeout=10))
    proc.join()
    worker.conn.close()
    os.remove(db_path)
    os.rmdir(tmpdir)


if __name__ == "__main__":
    main()

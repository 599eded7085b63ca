# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the shape of the oq-engine fix: the DbServer command returns plain data (the row count) rather than the sqlite3.Cursor (https://github.com/gem/oq-engine/pull/11500)
import os
import sqlite3
import tempfile
from multiprocessing import Pool

DB_PATH = os.path.join(tempfile.gettempdir(), "oqdb.sqlite")


def setup_db():
    conn = sqlite3.connect(DB_PATH)
    conn.execute("CREATE TABLE IF NOT EXISTS job (id INTEGER, ds_calc_dir TEXT)")
    conn.execute("INSERT INTO job VALUES (1, '')")
    conn.commit()
    conn.close()


class Db:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def __call__(self, sql, *args):
        cur = self.conn.execute(sql, args)
        self.conn.commit()
        return cur.rowcount


def run_command(action, args):
    db = Db(DB_PATH)
    if action == "update_job":
        return db("UPDATE job SET ds_calc_dir = ? WHERE id = ?", *args)
    return None


def dbcmd(pool, action, *args):
    return pool.apply_async(run_command, (action, args)).get(timeout=15)


if __name__ == "__main__":
    setup_db()
    with Pool(1) as dbserver:
        dbcmd(dbserver, "update_job", "/tmp/calc_1", 1)
        print("RESULT=done")

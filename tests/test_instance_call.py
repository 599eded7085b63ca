"""Calling an instance of a class of the module runs its `__call__`: what it returns is the call's value
(fresh_reports5 oqengine_dbcmd_returns_cursor, openquake's `db(sql, *args)` returning a sqlite3 cursor from a pool
task: observed pickling_error under fork, spawn and forkserver). A `__call__` returning plain data is fine."""
import textwrap

import pytest

from helpers import sent_back_copy
from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import sqlite3
    from multiprocessing import Pool


    class Db:
        def __init__(self, path):
            self.conn = sqlite3.connect(path)

        def __call__(self, sql, *args):
            cur = self.conn.execute(sql, args)
            return RETURNED


    def run_command(sql):
        db = Db(":memory:")
        return db(sql)


    if __name__ == "__main__":
        with Pool(1) as pool:
            print(pool.apply_async(run_command, ("select 1",)).get(timeout=15))
""")


# (the cursor: at the task's return and at `__call__`'s, where it was made: tests/test_value_origins.py)
@pytest.mark.parametrize("returned, codes", [("cur", ["MP207", "MP207"]), ("cur.fetchall()", []), ("len(sql)", [])])
def test_what_call_returns(returned, codes):
    assert [f.code for f in analyze(PROGRAM.replace("RETURNED", returned), "case.py").findings
            if not sent_back_copy(f)] == codes

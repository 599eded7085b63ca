"""A classmethod that returns `cls(...)` makes an object of its class: `Repository.open(path)` of another module,
returning `cls(path=path, conn=sqlite3.connect(path))`, is a Repository holding a connection (pathos #224's shape,
fresh_libs4 pathos_map_sqlite_repository, a blind miss), also in this module. A classmethod building it from picklable
values is the near miss. Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

from test_semantic_crossmodule import findings, project

DB = """
    import sqlite3
    from dataclasses import dataclass


    @dataclass
    class Repository:
        path: str
        conn: object = None

        @classmethod
        def open(cls, path):
            return cls(path=path, conn=CONN)

        def name_of(self, item_id):
            return "item%d" % item_id
"""

MAIN = """
    import multiprocessing

    from kit.db import Repository


    def lookup(repo, item_id):
        return repo.name_of(item_id)


    if __name__ == "__main__":
        repo = Repository.open(":memory:")
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % ",".join(pool.starmap(lookup, [(repo, i) for i in (1, 2)])))
"""

CONNS = {"sqlite3.connect(path)": True, "path.upper()": False}


def _project(tmp_path, conn):
    return project(tmp_path, {"kit/__init__.py": "", "kit/db.py": DB.replace("CONN", conn), "main.py": MAIN})


@pytest.mark.parametrize("conn", sorted(CONNS))
def test_what_a_classmethod_of_another_module_returns(tmp_path, conn):
    assert [f.code for f in findings(_project(tmp_path, conn) / "main.py")] == (["MP203"] if CONNS[conn] else [])


def test_in_the_same_module():
    import textwrap
    src = textwrap.dedent(DB.replace("CONN", "sqlite3.connect(path)")) + textwrap.dedent(MAIN).replace(
        "from kit.db import Repository", "")
    assert [f.code for f in found(src, "MP203")] == ["MP203"]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("conn", sorted(CONNS))
def test_runtime(tmp_path, conn, method):
    root = _project(tmp_path, conn)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, CONNS[conn], "cannot pickle 'sqlite3.Connection' object", "RESULT=item1,item2")

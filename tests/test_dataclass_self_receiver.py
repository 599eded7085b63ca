"""A dataclass field read through `self` in the class's methods is the value the object the method is called on
was built with (issue 12, fresh_realistic6's BAG_parser): `parser = Parser(db)` then `parser.parse(...)`, and
`parse` submits `self.database.save` to a ProcessPoolExecutor. The call site records the object it calls the
method on (flow: CallSite.receiver), and `self.database` is resolved through the method's call sites like a
parameter, one level. Nothing is said when a method stores the field too, or when no call site names the object.
Run under fork, spawn and forkserver: the bound method of an object holding a sqlite3 connection is refused by
pickle everywhere; the same object holding only its path is not."""
import subprocess
import textwrap
from pathlib import Path

import pytest

from helpers import run_program

import mpguard.semantic.flow as flow_module
from mpguard.linter.analyze import analyze


PROGRAM = '''
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


class Database:
    def __init__(self, path):
        self.{held} = {made}

    def save(self, data):
        return data


def work(x, save):
    return save(x)


@dataclass
class Parser:
    database: Database
    workers: int = 2

    def parse(self, items):{extra}
        with ProcessPoolExecutor(self.workers) as executor:
            return [f.result() for f in [executor.submit(work, i, self.database.save) for i in items]]


def main():
    db = Database(":memory:")
    {call}
    print("parsed")


if __name__ == "__main__":
    main()
'''

HAZARD = {"held": "connection", "made": "sqlite3.connect(path)", "extra": "", "call": "Parser(db).parse([1, 2])"}


def program(**changes) -> str:
    source = textwrap.dedent(PROGRAM)
    for key, value in {**HAZARD, **changes}.items():
        source = source.replace("{" + key + "}", value)
    return source


def mp203(source: str) -> list:
    return [f for f in analyze(source, "case.py").findings if f.code == "MP203"]


# name -> (changes, refused by pickle)
CASES = {
    "field_holds_a_connection": ({}, True),
    "through_a_name": ({"call": "parser = Parser(db)\n    parser.parse([1, 2])"}, True),
    "by_keyword": ({"call": "Parser(database=db, workers=2).parse([1, 2])"}, True),
    "field_holds_a_path_ok": ({"held": "path", "made": "path"}, False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_field_of_the_object_the_method_is_called_on(name):
    changes, refused = CASES[name]
    found = mp203(program(**changes))
    assert len(found) == (1 if refused else 0)
    if refused:
        assert "bound method .save of Database" in found[0].message


def test_a_method_that_stores_the_field_too_says_nothing():
    # which value the read sees (the constructor's or the store's) is not followed: precision first
    source = program(extra="\n        self.database = self.database")
    assert mp203(source) == []


def test_no_call_site_says_nothing():
    source = program(call="pass")
    assert mp203(source) == []


def test_an_object_of_unknown_fields_says_nothing():
    # called on an object whose construction is not seen (a parameter nobody passes)
    source = program(call="pass").replace("def main():", "def helper(parser):\n    parser.parse([1])\n\n\ndef main():")
    assert mp203(source) == []


def test_each_site_is_resolved_once(monkeypatch):
    # 150 objects, each built and called once: `self.database` is resolved through the 150 sites, once
    # (not once per site per read), so the binding does not multiply the work
    calls = []
    original = flow_module.bind_argument

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(flow_module, "bind_argument", counted)
    body = "\n    ".join(f"Parser(Database('{i}.db')).parse([{i}])" for i in range(150))
    found = mp203(program(call=body))
    assert len(found) == 1
    assert len(calls) < 4 * 150


def run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=120, cwd=path.parent)


@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name):
    changes, refused = CASES[name]
    path = tmp_path / f"{name}.py"
    path.write_text(program(**changes))
    for method in ("fork", "spawn", "forkserver"):
        done = run(path, method)
        if refused:
            assert done.returncode != 0, method
            assert "cannot pickle 'sqlite3.Connection' object" in done.stderr, (method, done.stderr[-2000:])
        else:
            assert done.returncode == 0, (method, done.stderr[-2000:])
            assert "parsed" in done.stdout

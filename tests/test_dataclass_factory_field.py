"""A dataclass field whose `default_factory` is a function (of this module, or of another project module)
holds what that function returns in every instance made without it: an instance handed to a child is pickled
with it (google-cloud-python #3211: a settings dataclass whose `client` field is `make_client()`'s storage
Client). Near misses: a factory returning a value that pickles, and the field given by the caller. Proven
under fork, spawn and forkserver with a factory returning a threading.Lock (fork copies the Process
arguments; spawn and forkserver pickle them)."""
import pytest
from helpers import assert_outcome, found, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

FACTORY = """
import threading


def make_guard():
    return threading.Lock()


def make_options():
    return {"retries": 3}
"""

PROGRAM = """
import sys
from dataclasses import dataclass, field
from multiprocessing import Process, Queue
IMPORT


@dataclass
class Settings:
    name: str
    guard: object = field(default_factory=FACTORY)


def work(settings, out):
    out.put(settings.name)


def main():
    settings = Settings(MADE)
    out = Queue()
    proc = Process(target=work, args=(settings, out))
    proc.start()
    print("RESULT=%s" % out.get())
    proc.join()


if __name__ == "__main__":
    sys.exit(main())
"""

# name -> (FACTORY, MADE, refused)
CASES = {
    "lock factory": ("make_guard", "name='a'", True),
    "picklable factory": ("make_options", "name='a'", False),
    "field given by the caller": ("make_guard", "name='a', guard=None", False),
}


def program(name, local: bool) -> str:
    factory, made, _refused = CASES[name]
    if local:
        return PROGRAM.replace("IMPORT", FACTORY).replace("FACTORY", factory).replace("MADE", made)
    return PROGRAM.replace("IMPORT", f"from helper import {factory}").replace("FACTORY", factory).replace("MADE", made)


@pytest.mark.parametrize("name", sorted(CASES))
def test_factory_of_this_module(name):
    findings = found(program(name, True), "MP203")
    assert [f.start.row for f in findings] == ([31] if CASES[name][2] else [])
    if findings:
        assert set(findings[0].start_methods) == {"spawn", "forkserver"}
        assert "field `guard`" in findings[0].message


@pytest.mark.parametrize("name", sorted(CASES))
def test_factory_of_another_module(tmp_path, name):
    (tmp_path / "helper.py").write_text(FACTORY)
    (tmp_path / "main.py").write_text(program(name, False))
    findings = [f for f in analyze_path(tmp_path / "main.py", Settings(), project_root=tmp_path).findings
                if f.code == "MP203"]
    assert [f.start.row for f in findings] == ([21] if CASES[name][2] else [])
    if findings:
        assert "helper.make_guard() returns" in findings[0].message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    (tmp_path / "helper.py").write_text(FACTORY)
    path = tmp_path / "main.py"
    path.write_text(program(name, False))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, CASES[name][2] and method != "fork", "cannot pickle '_thread.lock' object", "RESULT=a")

"""MP301 for an argument: a child changes the dict or list it was given and the parent, after waiting for it,
reads its own: the change never arrives, under every start method (each process has its own copy). Proven below
under fork, spawn and forkserver; a Manager dict is shared (near miss), and a parent that never reads the
container back, or a child that builds its own, says nothing."""
import textwrap

import pytest
from helpers import run_program
from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing
    import sys


    def worker(results, idx):
        CHANGE


    if __name__ == "__main__":
        results = MADE
        procs = [multiprocessing.Process(target=worker, args=(results, i)) for i in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("RESULT=%d" % len(results))
        sys.exit(0 if len(results) == 3 else 3)
""")
CASES = {
    ("results[idx] = idx * idx", "{}"): True,
    ("results.append(idx)", "[]"): True,
    ("results[idx] = idx * idx", "multiprocessing.Manager().dict()"): False,
    ("results = {idx: idx}", "{}"): False,  # the child's own dict
}


def program(change: str, made: str) -> str:
    return PROGRAM.replace("CHANGE", change).replace("MADE", made)


@pytest.mark.parametrize("change, made", sorted(CASES))
def test_reported_when_the_child_changes_its_copy(change, made):
    found = [(f.code, f.start.row) for f in analyze(program(change, made), "case.py").findings]
    assert found == ([("MP301", 7)] if CASES[(change, made)] else [])


def test_no_read_after_the_join_is_quiet():
    source = program("results[idx] = idx", "{}").replace('    print("RESULT=%d" % len(results))\n', "") \
        .replace("sys.exit(0 if len(results) == 3 else 3)", "sys.exit(0)")
    assert [f.code for f in analyze(source, "case.py").findings] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("change, made", [("results[idx] = idx * idx", "{}"),
                                          ("results[idx] = idx * idx", "multiprocessing.Manager().dict()")])
def test_runtime(tmp_path, change, made, method):
    path = tmp_path / "prog.py"
    path.write_text(program(change, made))
    out = run_program(path, method, timeout=60)
    assert out.returncode == (3 if CASES[(change, made)] else 0), out.stderr

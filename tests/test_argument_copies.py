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
    # at the change, and at the call that hands the container over (the change as related)
    assert found == ([("MP301", 7), ("MP301", 12)] if CASES[(change, made)] else [])


POOL_APPLY = textwrap.dedent("""
    from multiprocessing import Pool


    def tally(counts, word):
        counts[word] = counts.get(word, 0) + 1{noqa}


    def count(words):
        counts = {{}}
        with Pool(2) as pool:
            for word in words:
                pool.apply(tally, (counts, word))
        return counts
""")


def test_the_call_that_hands_it_over_names_the_change():
    findings = [f for f in analyze(POOL_APPLY.format(noqa=""), "case.py").findings if f.code == "MP301"]
    assert sorted(f.start.row for f in findings) == [6, 13]
    (at_call,) = [f for f in findings if f.start.row == 13]
    assert "line 6" in at_call.message and [p.row for p, _ in at_call.related] == [6]


def test_a_comment_at_the_change_silences_the_call_too():
    assert [f.code for f in analyze(POOL_APPLY.format(noqa="  # noqa: MP301"), "case.py").findings] == []


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

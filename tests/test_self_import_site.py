"""A finding whose site is a line of the very module it is made in sits at that line (rules/context.py,
`RuleContext.own_statement`): a CLI module run as __main__ (runpy, `python -m`) whose stats step imports the same
module by name runs its module-level set_start_method() a second time (mutmut #466; fresh_reports6
mutmut_main_module_reexecuted). MP401 is reported at the set_start_method() line, the import a related location.
Near misses: the call only when no method is set yet (mutmut #483's fix), a module that imports another module by
name (still reported at that import). Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

CLI = """
import multiprocessing

SET

HITS = []


def record_hit(name):
    HITS.append(name)
    return len(HITS)


def run_stats():
    from kit.cli import record_hit as hit
    return hit("stats")


if __name__ == "__main__":
    run_stats()
"""

DRIVER = """
import runpy


if __name__ == "__main__":
    namespace = runpy.run_module("kit.cli", run_name="__main__")
    print("RESULT=%d" % len(namespace["HITS"]))
"""

SETS = {"always": 'multiprocessing.set_start_method("fork")',
        "when_unset": 'if multiprocessing.get_start_method(allow_none=True) is None:\n'
                      '    multiprocessing.set_start_method("fork")'}


def _store(tmp_path, kind):
    return project(tmp_path, {"kit/__init__.py": "", "kit/cli.py": CLI.replace("SET", SETS[kind]),
                              "main.py": DRIVER})


@pytest.mark.parametrize("kind", sorted(SETS))
def test_the_finding_sits_at_the_line_that_runs_again(tmp_path, kind):
    root = _store(tmp_path, kind)
    got = findings(root / "kit" / "cli.py", "MP401")
    if kind == "when_unset":
        assert got == []
        return
    (finding,) = got
    assert finding.start.row == 4 and "imports this module by name" in finding.message
    assert [text for _position, text in finding.related] == ["reached from here"]
    assert finding.related[0][0].row == 15


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", sorted(SETS))
def test_runtime(tmp_path, kind, method):
    root = _store(tmp_path, kind)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if kind == "always":
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=0" in out.stdout, out.stderr

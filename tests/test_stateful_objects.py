"""A library object whose methods change it (data/boundaries.json `stateful_objects`: rich's `Progress`), made at
module level and changed by those methods in a child: the child changes its own copy (rich #121, fresh_libs6
rich121_module_progress_updated_in_workers). Under fork the parent's bar never moves (wrong result); under spawn and
forkserver the child's re-imported Progress has no such task (`KeyError`). MP301, like a module-level list a child
appends to.

Near misses: the bar advanced in the parent from the results; a Progress made in the worker; a method that changes
nothing (`refresh`). Static answers on source strings; the same programs run under fork, spawn and forkserver
(skipped when rich is not installed; the test process never imports it)."""
import textwrap

import pytest
from helpers import found, run_program

PROGRAM = """
import sys
from multiprocessing import Pool

from rich.console import Console
from rich.progress import Progress

progress = Progress(console=Console(stderr=True), auto_refresh=False)


def work(n, task):
    CHILD
    return n


def main():
    task = progress.add_task("work", total=4)
    with Pool(2) as pool:
        done = pool.starmap(work, [(n, task) for n in range(4)])
    PARENT
    completed = int(progress.tasks[0].completed)
    print("RESULT=%d" % completed)
    return 0 if completed == 4 else 3


if __name__ == "__main__":
    sys.exit(main())
"""

LOCAL = "local = Progress(console=Console(stderr=True), auto_refresh=False)\n    local.advance(local.add_task('w'))"

# name -> (in the child, in the parent after the pool, hazard?)
CASES = {
    "update_in_workers": ("progress.update(task, advance=1)", "pass", True),
    "advance_in_workers": ("progress.advance(task)", "pass", True),
    # near misses
    "advanced_in_parent": ("pass", "for _ in done:\n        progress.advance(task)", False),
    "progress_made_in_worker": (LOCAL, "progress.update(task, completed=len(done))", False),
    "refresh_in_workers": ("progress.refresh()", "progress.update(task, completed=len(done))", False),
}


def program(name: str) -> str:
    child, parent, _hazard = CASES[name]
    return textwrap.dedent(PROGRAM).replace("CHILD", child).replace("PARENT", parent)


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    findings = found(program(name), "MP301")
    assert len(findings) == (1 if CASES[name][2] else 0), program(name)
    if findings:
        assert "the child changes module-level `progress`" in findings[0].message
        assert set(findings[0].start_methods) == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("rich")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    if not CASES[name][2]:
        assert out.returncode == 0 and "RESULT=4" in out.stdout, out.stderr
    elif method == "fork":  # the workers advanced their copies: the parent's bar never moved
        assert out.returncode == 3 and "RESULT=0" in out.stdout, out.stderr
    else:  # the re-imported Progress of a spawned worker has no such task
        assert out.returncode != 0 and "KeyError" in out.stderr, out.stderr

"""The fixes (values pickle refuses, joins, state the child does not see), proven by running them:
each golden fixture's program fails before the fix (under spawn, where every one of them breaks)
and runs clean after it under fork, spawn and forkserver (the start method is imposed as the default, as the corpus runner does)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import run_program

FIXES = Path(__file__).parent / "fixtures" / "fixes"
# fixture -> does the unfixed program end (True) or hang (a join-before-drain deadlock: not run)
CASES = {"state_connection": True, "state_dataclass_factory": True, "generator_argument": True,
         "lambda_field": True, "namedtuple_local": True, "exception_returned": True,
         "drain_join_loop": False, "drain_read_first": False,
         "state_other_function": True, "local_process_subclass": True, "unread_field": True,
         "lock_made_elsewhere": True, "base_lock_process": True, "state_recorded_local": True,
         "drain_through_helpers": False, "exception_state": True, "unread_dispatch": True,
         "unread_sent_method": True, "unread_partial_method": True, "initializer_called": True,
         "match_groups": True, "state_several_globals": True}


def run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=60, cwd=path.parent)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_unfixed_program_fails_under_spawn(name):
    if not CASES[name]:
        pytest.skip("the unfixed program deadlocks (MP410): it is not run")
    before = run(FIXES / f"{name}_before.py", "spawn")
    assert before.returncode != 0, before.stdout


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fixed_program_runs_clean(name, method):
    after = run(FIXES / f"{name}_after.py", method)
    assert after.returncode == 0, after.stderr[-2000:]

"""A global read from os.environ at import, and the parent's `os.environ[...] = ...` before it starts children that
read the global: a forked child keeps the parent's import-time value, a spawned or forkserver child imports the
module again and sees the new one (check50 #396's shape). fresh_flow globals_environ_read_at_import was observed
wrong_result under fork and ok under spawn and forkserver; proven again below."""
import os
import sys
import textwrap
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze
from helpers import runtime_proofs_or_skip, run_in_session

RUNNER_SITE = Path(__file__).parent / "corpus" / "runner_site"

PROGRAM = textwrap.dedent("""
    import multiprocessing
    import os
    import sys

    LOG_LEVEL = os.environ.get("FLOW_LOG_LEVEL", "warning")


    def handle(record):
        return record + ("!" if LOG_LEVEL == "debug" else "")


    def main():
        os.environ["FLOW_LOG_LEVEL"] = "debug"
        with POOL as pool:
            handled = pool.map(handle, ["a", "b"])
        sys.exit(0 if handled == ["a!", "b!"] else 3)


    if __name__ == "__main__":
        main()
""")


def findings(pool: str) -> list:
    return [(f.code, f.start.row, sorted(f.start_methods))
            for f in analyze(PROGRAM.replace("POOL", pool), "case.py").findings]


def test_a_forked_child_keeps_the_import_time_value():
    assert findings("multiprocessing.Pool(2)") == [("MP302", 14, ["fork"])]


def test_spawned_children_read_the_new_value():
    assert findings('multiprocessing.get_context("spawn").Pool(2)') == []


def test_a_variable_nobody_captured_is_fine():
    source = PROGRAM.replace('os.environ["FLOW_LOG_LEVEL"] = "debug"', 'os.environ["OTHER"] = "debug"')
    assert [f.code for f in analyze(source.replace("POOL", "multiprocessing.Pool(2)"), "case.py").findings] == []


@pytest.mark.parametrize("method, code", [("fork", 3), ("spawn", 0), ("forkserver", 0)])
def test_runtime(tmp_path, method, code):
    runtime_proofs_or_skip()
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("POOL", "multiprocessing.Pool(2)"))
    env = {k: v for k, v in os.environ.items() if k != "FLOW_LOG_LEVEL"}
    env.update(PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    out = run_in_session([sys.executable, str(path)], text=True, timeout=60, env=env)
    assert out.returncode == code, out.stderr

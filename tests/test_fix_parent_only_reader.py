"""MP102's fix when the names the side effect binds are read by functions only the parent runs (fixes/guard.py,
`_parent_only_defs`): a script's `LOG = start_log()` at import, which every spawned child runs again, that `report()`
reads, called by `main()`, called under the main guard (fresh_reports12's cpython #111627: `RUN = RunLog.start()`
read by main()). The statement moves to the start of the guard body: a child that re-imports the script never
runs those functions, and the parent binds the name before it calls them.

Near misses (no fix): a function a child runs reads the name; the reader is handed on as a value
(`atexit.register(report)`), not only called; `main` is also a Process target."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import fix_all, parses
from mpguard.text.findings import Applicability

PROGRAM = textwrap.dedent('''
    import multiprocessing
    import os
    import sys

    LOG_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.log")


    def start_log():
        log = open(LOG_PATH, "a")
        log.write("start\\n")
        log.flush()
        return log


    LOG = start_log()


    def square(x):
        return x * x


    def report(total):
        LOG.write(f"total {total}\\n")
        LOG.close()


    def main():
        with multiprocessing.Pool(2) as pool:
            total = sum(pool.map(square, [1, 2, 3]))
        report(total)
        with open(LOG_PATH) as f:
            lines = f.read().count("\\n")
        print(f"RESULT={total}:{lines}")
        return 0


    if __name__ == "__main__":
        sys.exit(main())
''')


def fixed(src: str) -> str:
    out, applied = fix_all(src, lambda text: found(text, "MP102"), unsafe=True)
    assert applied and parses(out)
    return out


def test_the_side_effect_moves_under_the_guard_when_only_parent_functions_read_it():
    [finding] = found(PROGRAM, "MP102")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    out = fixed(PROGRAM)
    assert '\nLOG = start_log()\n' not in out
    assert 'if __name__ == "__main__":\n    LOG = start_log()\n    sys.exit(main())\n' in out
    assert found(out, "MP102") == []


@pytest.mark.parametrize("variant", [
    # a function the pool's workers run reads it
    ("    return x * x\n", "    LOG.flush()\n    return x * x\n"),
    # the reader is handed on, not only called
    ("    sys.exit(main())\n", "    import atexit\n    atexit.register(report, 0)\n    sys.exit(main())\n"),
    # main() also runs in a child
    ("    sys.exit(main())\n", "    multiprocessing.Process(target=main).start()\n    sys.exit(main())\n"),
])
def test_no_fix_when_the_name_may_be_read_elsewhere(variant):
    src = PROGRAM.replace(*variant)
    assert src != PROGRAM
    findings = found(src, "MP102")
    assert findings and all(f.fix is None for f in findings)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_fixed_program_starts_its_log_once(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM)
    before = run_program(path, method)
    assert before.returncode == 0, before.stderr
    assert ("RESULT=14:2" in before.stdout) == (method == "fork"), before.stdout  # each spawned worker wrote "start"
    (tmp_path / "runs.log").unlink()
    path.write_text(fixed(PROGRAM))
    after = run_program(path, method)
    assert after.returncode == 0 and "RESULT=14:2" in after.stdout, after.stdout + after.stderr

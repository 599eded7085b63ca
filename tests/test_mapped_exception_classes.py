"""MP208 for a raise of a class that a mapping of exception classes gives: `exc_class = _BY_CODE.get(code,
ErrorReturnCode)` then `raise exc_class(cmd, stdout, stderr)` (sh #439, fresh_reports15 sh439). The walk's value is
the union of the dict's classes and the default; the first one pickle cannot rebuild is the one reported, in the
task's own module and through another project module's raise summary. Near misses: classes that keep their
arguments or define __reduce__. Proven under fork, spawn and forkserver (an executor breaks)."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

ERRORS = """
    import subprocess


    class CommandFailed(Exception):
        def __init__(self, cmd, stdout, stderr):
            self.cmd, self.stdout, self.stderr = cmd, stdout, stderr
            super().__init__("%s failed: %r" % (cmd, stderr[:80]))


    class ExitOne(CommandFailed):
        code = 1


    class ExitTwo(CommandFailed):
        code = 2


    FAILURES = {1: ExitOne, 2: ExitTwo}


    def run(argv):
        proc = subprocess.run(argv, capture_output=True)
        if proc.returncode:
            error = FAILURES.get(proc.returncode, CommandFailed)
            raise error(" ".join(argv), proc.stdout, proc.stderr)
        return proc.stdout
"""

REDUCING = ERRORS.replace('''            super().__init__("%s failed: %r" % (cmd, stderr[:80]))
''', '''            super().__init__("%s failed: %r" % (cmd, stderr[:80]))

        def __reduce__(self):
            return type(self), (self.cmd, self.stdout, self.stderr)
''')

KEEPING = ERRORS.replace('''            super().__init__("%s failed: %r" % (cmd, stderr[:80]))''',
                         '''            super().__init__(cmd, stdout, stderr)''')

TASKS = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from shellkit import commands


    def check(code):
        return commands.run([sys.executable, "-c", "import sys; sys.exit(%d)" % code])


    if __name__ == "__main__":
        failed = 0
        with ProcessPoolExecutor(2) as pool:
            for future in [pool.submit(check, code) for code in (0, 1, 2)]:
                try:
                    future.result()
                except commands.CommandFailed:
                    failed += 1
        print("RESULT=%d" % failed)
"""

SAME_FILE = textwrap.dedent(ERRORS) + textwrap.dedent("""
    import sys
    from multiprocessing import Pool


    def check(code):
        return run([sys.executable, "-c", "import sys; sys.exit(%d)" % code])


    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map(check, [0, 1]))
""")


def test_another_modules_mapped_class_is_reported_at_the_call(tmp_path):
    root = project(tmp_path, {"shellkit/__init__.py": "", "shellkit/commands.py": ERRORS, "tasks.py": TASKS})
    (finding,) = findings(root / "tasks.py", "MP208")
    assert finding.start.row == 9 and "ExitOne" in finding.message and "missing 2 required" in finding.message
    assert finding.related_file is not None and finding.related_file.line == 26


def test_the_same_file_mapped_class_is_reported_at_the_raise():
    (finding,) = found(SAME_FILE, "MP208")
    assert finding.start.row == 26 and "ExitOne" in finding.message


@pytest.mark.parametrize("errors", [REDUCING, KEEPING])
def test_rebuildable_classes_stay_silent(tmp_path, errors):
    root = project(tmp_path, {"shellkit/__init__.py": "", "shellkit/commands.py": errors, "tasks.py": TASKS})
    assert findings(root / "tasks.py", "MP208") == []
    same = SAME_FILE.replace(textwrap.dedent(ERRORS), textwrap.dedent(errors))
    assert found(same, "MP208") == []


def test_a_mapping_of_other_values_says_nothing():
    """A dict of messages, not of classes: `raise CommandFailed(...)` named directly is what is judged."""
    source = SAME_FILE.replace("FAILURES = {1: ExitOne, 2: ExitTwo}", "FAILURES = {1: 'one', 2: 'two'}").replace(
        "error = FAILURES.get(proc.returncode, CommandFailed)\n", "error = ExitTwo if FAILURES.get(1) else ExitTwo\n")
    assert [("ExitTwo" in f.message) for f in found(source, "MP208")] == [True]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path / "x", {"shellkit/__init__.py": "", "shellkit/commands.py": ERRORS, "tasks.py": TASKS})
    fixed = project(tmp_path / "y", {"shellkit/__init__.py": "", "shellkit/commands.py": REDUCING, "tasks.py": TASKS})
    out = run_program(root / "tasks.py", method, timeout=60, cwd=root)
    assert out.returncode != 0 and "BrokenProcessPool" in out.stderr, out.stderr
    out = run_program(fixed / "tasks.py", method, timeout=60, cwd=fixed)
    assert "RESULT=2" in out.stdout, out.stderr

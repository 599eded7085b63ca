"""A condition that calls a function whose whole body returns a platform test is that platform test
(`def is_unix_system(): return platform.system() != "Windows"`, lithops/utils.py). lithops' worker handler
chooses `_MP_CTX = mp.get_context('fork') if is_unix_system() else mp` and makes a Process only under the same
test (a Thread elsewhere): its JobRunner target, which keeps an open stats file, is never pickled. Read as an
unknown condition, the default context's branch made an MP201 for spawn and forkserver (a false alarm found by
the session-17 sweep of lithops 3.8.0, worker/handler.py line 525)."""
from __future__ import annotations

import pytest
from helpers import codes, found, run_program

from test_semantic_crossmodule import findings, project

UTILS = '''
import platform


def is_unix_system() -> bool:
    """Checks if the current OS is UNIX"""
    return platform.system() != "Windows"
'''

HANDLER = '''
import multiprocessing as mp
import sys
import tempfile
from threading import Thread

@@IMPORT@@

_MP_CTX = mp.get_context("fork") if is_unix_system() else mp


class Stats:
    def __init__(self, name):
        self.fid = open(name, "w")


class Runner:
    def __init__(self, name):
        self.stats = Stats(name)

    def run(self):
        self.stats.fid.write("ran\\n")
        self.stats.fid.flush()


def handler():
    name = tempfile.mktemp()
    runner = Runner(name)
    @@MAKE@@
    proc.start()
    proc.join()
    with open(name) as done:
        print("RESULT=" + done.read().strip())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    handler()
'''
SAME_TEST = "proc = _MP_CTX.Process(target=runner.run) if is_unix_system() else Thread(target=runner.run)"
ALWAYS = "proc = _MP_CTX.Process(target=runner.run)"


def _program(make: str, imported: bool) -> str:
    where = "from lpkg.utils import is_unix_system" if imported else UTILS.replace("import platform\n", "import platform")
    return HANDLER.replace("@@IMPORT@@", where).replace("@@MAKE@@", make)


def _mp201(tmp_path, make, imported):
    if not imported:
        return found(_program(make, False), "MP201")
    root = project(tmp_path, {"lpkg/__init__.py": "", "lpkg/utils.py": UTILS, "main.py": _program(make, True)})
    return findings(root / "main.py", "MP201")


@pytest.mark.parametrize("imported", [False, True])
def test_process_made_only_where_the_context_is_fork_is_silent(tmp_path, imported):
    assert _mp201(tmp_path, SAME_TEST, imported) == []


@pytest.mark.parametrize("imported", [False, True])
def test_process_made_everywhere_breaks_on_windows_only(tmp_path, imported):
    got = _mp201(tmp_path, ALWAYS, imported)
    assert len(got) == 1 and not got[0].start_methods and got[0].extra_platforms == frozenset({"windows"})


def test_a_function_doing_more_than_the_test_stays_unknown():
    """Anything but a lone returned test keeps the old reading (the default context's branch may run)."""
    text = _program(ALWAYS, False).replace('return platform.system() != "Windows"',
                                           'print("asked")\n    return platform.system() != "Windows"')
    got = found(text, "MP201")
    assert len(got) == 1 and "fork" not in got[0].start_methods and "forkserver" in got[0].start_methods


def test_a_function_with_parameters_is_not_read():
    text = _program(ALWAYS, False).replace("def is_unix_system() -> bool:", "def is_unix_system(strict=False) -> bool:")
    assert "forkserver" in found(text, "MP201")[0].start_methods


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("make", ["same_test", "always"])
def test_runtime_on_posix(tmp_path, make, method):
    """On POSIX the fork context is chosen whatever the default start method: the target is never pickled."""
    path = tmp_path / "main.py"
    path.write_text(_program(SAME_TEST if make == "same_test" else ALWAYS, False))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == 0 and "RESULT=ran" in out.stdout, out.stderr
    assert "MP201" not in codes(path.read_text()) or make == "always"

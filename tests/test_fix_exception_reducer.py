"""MP208's fix for an exception class of another project module (fixes/exception_reducer.py): the module that
raises it registers a pickling function with copyreg, which rebuilds the exception from its state in the
parent (the class's own file has no finding to carry the fix). Held-out programs: lancedb #3447 and paramiko
#617 (fresh_reports7), a link checker's FetchError (fresh_realistic5), a backup verifier's ChecksumError
(fresh_realistic4), linode-python's ApiError (fresh_reports6), reportkit's FetchError (fresh_realistic2b).
Proven by running the program and its fixed text under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import run_program, sent_back_copy
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.text.findings import Applicability

ERRORS = '''
import socket


class FetchError(Exception):
    def __init__(self, url, status):
        super().__init__(f"{url} answered {status}")
        self.url = url
        self.status = status


class ConnectError(socket.error):
    def __init__(self, errors):
        super().__init__(None, "Unable to connect to " + ", ".join(sorted(errors)))
        self.errors = errors


class SlottedError(Exception):
    __slots__ = ("url",)

    def __init__(self, url, status):
        super().__init__(f"{url} answered {status}")
        self.url = url


class OwnState(Exception):
    def __init__(self, url, status):
        super().__init__(f"{url} answered {status}")
        self.url = url

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
'''

MAIN = '''import sys
from concurrent.futures import ProcessPoolExecutor

from kit.errors import FetchError

STATUS = {"/": 200, "/old": 404}


def fetch(path):
    if STATUS[path] >= 400:
        raise FetchError(path, STATUS[path])
    return path


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        try:
            print(list(ex.map(fetch, sorted(STATUS))))
        except FetchError as exc:
            print(f"RESULT={exc.url},{exc.status},{exc}")
            sys.exit(0)
    sys.exit(3)
'''

FIXED = '''import sys
from concurrent.futures import ProcessPoolExecutor

from kit.errors import FetchError
import copyreg


def _reduce_exception(exc):
    """Pickle by state: pickle would call the class with `exc.args`, which __init__ refuses."""
    state = dict(exc.__dict__, args=exc.args)
    if isinstance(exc, OSError):
        state.update(errno=exc.errno, strerror=exc.strerror, filename=exc.filename, filename2=exc.filename2)
    return copyreg.__newobj__, (type(exc),), state


copyreg.pickle(FetchError, _reduce_exception)


STATUS = {"/": 200, "/old": 404}
'''


def project(tmp_path, main: str):
    (tmp_path / "kit").mkdir(exist_ok=True)
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "errors.py").write_text(ERRORS)
    path = tmp_path / "main.py"
    path.write_text(main)
    return path


def checker(path):
    def check(text):
        path.write_text(text)
        return analyze_path(path, Settings(), project_root=path.parent).findings
    return check


def mp208(path, text):
    return [f for f in checker(path)(text) if f.code == "MP208" and not sent_back_copy(f)]


def fixed(path, text):
    out, _ = fix_all(text, checker(path), unsafe=True)
    path.write_text(text)
    return out


def test_the_raising_module_registers_a_reducer(tmp_path):
    path = project(tmp_path, MAIN)
    [finding] = mp208(path, MAIN)
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    out = fixed(path, MAIN)
    assert parses(out)
    assert out.startswith(FIXED)
    assert mp208(path, out) == []


def test_an_oserror_subclass_and_an_attribute_name(tmp_path):
    main = MAIN.replace("from kit.errors import FetchError", "from kit import errors") \
        .replace("raise FetchError(path, STATUS[path])", "raise errors.ConnectError({path: STATUS[path]})") \
        .replace("except FetchError as exc:", "except errors.ConnectError as exc:") \
        .replace("exc.url},{exc.status}", "sorted(exc.errors)},{exc.errno}")
    path = project(tmp_path, main)
    [finding] = mp208(path, main)
    out = fixed(path, main)
    assert "copyreg.pickle(errors.ConnectError, _reduce_exception)\n" in out
    assert mp208(path, out) == []


def test_two_classes_share_one_function(tmp_path):
    main = MAIN.replace("from kit.errors import FetchError", "from kit.errors import ConnectError, FetchError") \
        .replace("    return path\n", "    if path == '/x':\n        raise ConnectError({path: 1})\n    return path\n")
    path = project(tmp_path, main)
    assert len(mp208(path, main)) == 2
    out = fixed(path, main)
    assert out.count("def _reduce_exception") == 1
    assert "copyreg.pickle(FetchError, _reduce_exception)\ncopyreg.pickle(ConnectError, _reduce_exception)\n" in out \
        or "copyreg.pickle(ConnectError, _reduce_exception)\ncopyreg.pickle(FetchError, _reduce_exception)\n" in out
    assert mp208(path, out) == []


@pytest.mark.parametrize("cls", ["SlottedError", "OwnState"])
def test_no_fix_for_a_class_with_its_own_slots_or_attribute_setting(tmp_path, cls):
    main = MAIN.replace("FetchError", cls)
    path = project(tmp_path, main)
    [finding] = mp208(path, main)
    assert finding.fix is None


def test_no_fix_when_the_class_is_imported_in_a_function(tmp_path):
    main = MAIN.replace("from kit.errors import FetchError\n", "") \
        .replace("def fetch(path):\n", "def fetch(path):\n    from kit.errors import FetchError\n\n") \
        .replace("except FetchError as exc:", "except Exception as exc:")
    path = project(tmp_path, main)
    [finding] = mp208(path, main)
    assert finding.fix is None


def test_a_registration_under_the_main_guard_does_not_count(tmp_path):
    # a spawned worker does not run the guarded block: it would still pickle the class pickle's way
    main = MAIN.replace('if __name__ == "__main__":\n',
                        'if __name__ == "__main__":\n    import copyreg\n'
                        '    copyreg.pickle(FetchError, lambda e: (Exception, e.args))\n')
    path = project(tmp_path, main)
    assert len(mp208(path, main)) == 1
    module_level = MAIN.replace("STATUS = ", "import copyreg\ncopyreg.pickle(FetchError, lambda e: (Exception, e.args))\n"
                                "STATUS = ")
    assert mp208(path, module_level) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = project(tmp_path, MAIN)
    out = fixed(path, MAIN)
    before = run_program(path, method, timeout=120, cwd=tmp_path)
    assert before.returncode != 0 and "RESULT=" not in before.stdout
    path.write_text(out)
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=/old,404,/old answered 404" in after.stdout, after.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_oserror(tmp_path, method):
    main = textwrap.dedent('''\
        import multiprocessing
        import sys

        from kit.errors import ConnectError


        def probe(host):
            if host == "b":
                raise ConnectError({host: "timed out"})
            return host


        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            try:
                pool.map(probe, ["a", "b"])
            except ConnectError as exc:
                print(f"RESULT={exc.errors},{exc.errno},{exc.strerror},{exc}")
                sys.exit(0)
            finally:
                pool.terminate()
            sys.exit(3)
        ''')
    path = project(tmp_path, main)
    out = fixed(path, main)
    assert out != main
    path.write_text(out)
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and \
        "RESULT={'b': 'timed out'},None,Unable to connect to b,[Errno None] Unable to connect to b" in after.stdout, \
        after.stderr

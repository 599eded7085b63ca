"""MP207 for an exception a task catches and returns inside its result (strictdoc #3201, fresh_realistic8
strictdoc3201_exception_info_keeps_exception): the same fixes as MP208 for one it raises. A class of this module
records its arguments for `__reduce__` (rules/task_results._caught_fix -> fixes/exceptions); a class of another
project module raised here, whose keyword-only `__init__` pickle can never call again, is registered with copyreg
in this module (fixes/exception_reducer), which the worker that pickles the result has run. Near misses: a class
of another module with `__slots__` gets no fix; an exception turned into text is not reported. Proven under fork, spawn and
forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program, sent_back_copy
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.text.findings import Applicability

OWN = textwrap.dedent('''
    import sys
    from concurrent.futures import ProcessPoolExecutor


    class ParseError(Exception):
        def __init__(self, path, line):
            super().__init__(f"{path}:{line}")
            self.path = path
            self.line = line


    class Failure:
        def __init__(self, error):
            self.error = error


    def parse(path):
        if "bad" in path:
            raise ParseError(path, 3)
        return len(path)


    def guarded(path):
        try:
            return parse(path)
        except Exception as exc:
            return Failure(exc)


    def main():
        with ProcessPoolExecutor(2) as ex:
            results = list(ex.map(guarded, ["a.txt", "bad.txt"]))
        failed = [r.error for r in results if isinstance(r, Failure)]
        print("RESULT=%s,%s" % (failed[0].path, failed[0].line))
        return 0 if failed[0].line == 3 else 3


    if __name__ == "__main__":
        sys.exit(main())
''')

ERRORS = '''
class RuleError(Exception):
    def __init__(self, *, rule, hint):
        super().__init__(f"{rule}: {hint}")
        self.rule = rule
        self.hint = hint
'''

FOREIGN = '''import sys
from multiprocessing import Pool

from kit.errors import RuleError


def lint(name):
    if name.startswith("x"):
        raise RuleError(rule="no-x", hint="rename it")
    return name


def safe_lint(name):
    try:
        return {"name": lint(name)}
    except RuleError as err:
        return {"name": name, "error": err}


if __name__ == "__main__":
    with Pool(2) as pool:
        out = pool.map(safe_lint, ["a", "xb"])
    err = out[1]["error"]
    print(f"RESULT={err.rule},{err.hint},{err}")
    sys.exit(0 if err.rule == "no-x" else 3)
'''


def mp207(src):
    return [f for f in found(src, "MP207") if not sent_back_copy(f)]


def test_a_class_of_this_module_records_its_arguments():
    [finding] = [f for f in mp207(OWN) if f.fix is not None]
    assert finding.fix.applicability is Applicability.SAFE
    out, _ = fix_all(OWN, lambda text: found(text, "MP207"))
    assert parses(out)
    assert "        self._init_args = (path, line)\n" in out and "    def __reduce__(self):\n" in out
    assert found(out, "MP207") == []


def test_an_exception_kept_as_text_is_silent():
    src = OWN.replace("return Failure(exc)", "return Failure(str(exc))")
    assert mp207(src) == []


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
        return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == "MP207"]
    return check


def test_a_class_of_another_module_is_registered_with_copyreg(tmp_path):
    path = project(tmp_path, FOREIGN)
    findings = checker(path)(FOREIGN)
    assert any(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in findings)
    out, _ = fix_all(FOREIGN, checker(path), unsafe=True)
    assert parses(out)
    assert "copyreg.pickle(RuleError, _reduce_exception)\n" in out
    assert checker(path)(out) == []


def test_no_fix_for_a_class_of_another_module_with_slots(tmp_path):
    path = project(tmp_path, FOREIGN)
    (tmp_path / "kit" / "errors.py").write_text(ERRORS.replace("class RuleError(Exception):\n",
                                                               "class RuleError(Exception):\n    __slots__ = ()\n\n"))
    findings = checker(path)(FOREIGN)
    assert findings and all(f.fix is None for f in findings)


def _fixed_own(tmp_path):
    path = tmp_path / "main.py"
    out, _ = fix_all(OWN, lambda text: found(text, "MP207"))
    path.write_text(out)
    return path


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_own_class(tmp_path, method):
    path = tmp_path / "before.py"
    path.write_text(OWN)
    before = run_program(path, method, timeout=120, cwd=tmp_path)
    assert before.returncode != 0 and "RESULT=" not in before.stdout
    after = run_program(_fixed_own(tmp_path), method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=bad.txt,3" in after.stdout, after.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_foreign_class(tmp_path, method):
    path = project(tmp_path, FOREIGN)
    out, _ = fix_all(FOREIGN, checker(path), unsafe=True)
    path.write_text(out)
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=no-x,rename it,no-x: rename it" in after.stdout, after.stderr

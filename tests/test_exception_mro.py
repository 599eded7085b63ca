"""MP208 along the method resolution order: an exception class with several bases runs the first __init__ of
its MRO (C3, semantic/mro), and that __init__'s `super().__init__` reaches the next class of the MRO, not its own
first base; and a task that builds another module's class whose __init__ raises such an exception (python-can
#1341, fresh_reports14 pythoncan1341: `class ICSInitializationError(ICSApiError, CanInitializationError): pass`
raised in `NeoViBus.__init__`, which the task calls). Near misses: a class of the MRO that pickles itself
(`__reduce__`), an __init__ that hands all its arguments to Exception, a diamond whose super() chain keeps every argument.
Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from mpguard.semantic.mro import linearize
from test_semantic_crossmodule import findings, project

ERRORS = """
    class ServiceError(Exception):
        def __init__(self, message, status=None):
            super().__init__(message)
            self.status = status


    class Retryable:
        retry_after = 5


    class QuotaError(ServiceError):
        def __init__(self, service, quota, used):
            super().__init__(f"{service}: {used}/{quota}", 429)
            self.service, self.quota, self.used = service, quota, used


    class QuotaExceeded(Retryable, QuotaError):
        pass
"""

CLIENT = """
    from .errors import QuotaExceeded

    LIMITS = {"maps": 2, "search": 100}


    class Client:
        def __init__(self, service, used):
            if used > LIMITS[service]:
                raise QuotaExceeded(service, LIMITS[service], used)
            self.service = service
            self.used = used

        def fetch(self):
            return self.used
"""

MAIN = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from svc.client import Client
    from svc.errors import ServiceError


    def call(job):
        service, used = job
        return Client(service, used).fetch()


    if __name__ == "__main__":
        done, failed = [], []
        with ProcessPoolExecutor(2) as pool:
            for future in [pool.submit(call, job) for job in [("search", 3), ("maps", 7)]]:
                try:
                    done.append(future.result(timeout=30))
                except ServiceError as err:
                    failed.append(err.service)
        print(f"RESULT={done},{failed}")
"""

# the same hierarchy, each near miss in turn (every one rebuilds in the parent)
REDUCE = ERRORS.replace("        retry_after = 5\n", "        retry_after = 5\n\n"
                        "        def __reduce__(self):\n"
                        "            return type(self), (self.service, self.quota, self.used)\n")
KEEPS_ALL = ERRORS.replace('            super().__init__(f"{service}: {used}/{quota}", 429)\n',
                          "            Exception.__init__(self, service, quota, used)\n")

# super() in the first __init__ reaches the second base: the MRO, not the first base, tells what reaches args
DIAMOND = """
    class Coded(Exception):
        def __init__(self, code, text):
            super().__init__(code, text)


    class Short(Exception):
        def __init__(self, code, text=None):
            super().__init__(code)


    class Failure(Coded, Short):
        pass


    def task(n):
        raise Failure(n, "failed")
"""

POOL = """

    if __name__ == "__main__":
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(2) as pool:
            try:
                list(pool.map(task, [1, 2]))
            except Exception as err:
                print(f"RESULT={type(err).__name__}")
"""

KEEPS = DIAMOND.replace("            super().__init__(code)\n", "            super().__init__(code, text)\n")


def _project(tmp_path, errors=ERRORS):
    return project(tmp_path, {"svc/__init__.py": "", "svc/errors.py": errors, "svc/client.py": CLIENT,
                              "main.py": MAIN})


def test_constructor_of_another_module_raises_an_mro_inherited_init(tmp_path):
    root = _project(tmp_path)
    got = findings(root / "main.py", "MP208")
    assert len(got) == 1 and got[0].start.row == 11
    assert "QuotaExceeded" in got[0].message and "QuotaError.__init__() missing 2 required" in got[0].message


@pytest.mark.parametrize("errors", [REDUCE, KEEPS_ALL], ids=["reduce", "keeps-all"])
def test_near_misses_stay_silent(tmp_path, errors):
    assert findings(_project(tmp_path, errors) / "main.py", "MP208") == []


def test_super_follows_the_mro_not_the_first_base():
    (finding,) = found(DIAMOND + POOL, "MP208")
    assert "Failure" in finding.message and "missing 1 required positional argument: 'text'" in finding.message
    assert found(KEEPS + POOL, "MP208") == []


def test_linearize_is_c3():
    import ast
    tree = ast.parse(textwrap.dedent("""
        class O1: pass
        class A(O1): pass
        class B(O1): pass
        class C(A, B): pass
        class D(B, A): pass
        class Bad(C, D): pass
        class Lib(KeyError, A): pass
    """))
    classes = {c.name: c for c in tree.body}

    def every(cls):
        return [classes.get(b.id, b.id) for b in cls.bases]

    assert [c.name for c in linearize(classes["C"], every)] == ["C", "A", "B", "O1"]
    assert linearize(classes["Bad"], every) is None  # Python refuses it too
    assert [getattr(c, "name", c) for c in linearize(classes["Lib"], every)] == ["Lib", "KeyError", "A", "O1"]
    assert linearize(classes["C"], lambda cls: [None] if cls.name == "B" else every(cls)) is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    broken = _project(tmp_path / "broken")
    out = run_program(broken / "main.py", method, cwd=broken)
    # the parent cannot rebuild the error: the executor breaks (3.10: BrokenProcessPool; later ones name the TypeError)
    assert_outcome(out, True, ("BrokenProcessPool", "missing 2 required positional arguments"), "")
    for errors in (REDUCE, KEEPS_ALL):
        fine = _project(tmp_path / str(len(errors)), errors)
        assert_outcome(run_program(fine / "main.py", method, cwd=fine), False, "", "RESULT=[3],['maps']")
    for program, ok in ((DIAMOND, False), (KEEPS, True)):
        path = tmp_path / f"diamond_{ok}.py"
        path.write_text(textwrap.dedent(program + POOL))
        out = run_program(path, method)
        # rebuilt: the task's own Failure; not rebuilt: the executor breaks (its words differ by version)
        assert out.returncode == 0 and ("RESULT=Failure" in out.stdout) is ok, out.stderr
        if not ok:
            assert "RESULT=BrokenProcessPool" in out.stdout, out.stdout

"""MP413 through a decorator of another project module (viztracer PR #563, fresh_reports10 viztracer563): a Pool
task decorated with `@trace_and_save`, whose wrapper starts a Process to save the trace, runs in a daemonic worker,
which raises "daemonic processes are not allowed to have children". Reported at this module's import of the
decorator's module (MP413's place for a start in another module), the wrapper's start the site. The wrapper's
`if daemon_safe and current_process().daemon:` guards only when the application sets `daemon_safe` (a falsy
default leaves the test never true): the same holds for a decorator of the same module. Near misses: the
decorator applied with `daemon_safe=True`, a non-daemonic Process, a wrapper that starts nothing. Proven under
fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import codes, run_program
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

from test_semantic_crossmodule import project

TRACER = """
    import functools
    import multiprocessing


    def _save(path, events):
        pass


    def trace_and_save(method=None, daemon_safe=False):
        def inner(func):
            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                result = func(*args, **kwargs)
                if daemon_safe and multiprocessing.current_process().daemon:
                    _save("trace", [result])
                else:
                    saver = multiprocessing.Process(target=_save, args=("trace", [result]))
                    saver.start()
                    saver.join()
                return result

            return wrapper

        if method is not None:
            return inner(method)
        return inner


    def plain(func):
        @functools.wraps(func)
        def wrapper(*args):
            return func(*args)

        return wrapper
"""

MAIN = """
    import multiprocessing

    from kit.tracer import plain, trace_and_save


    DECORATOR
    def crunch(n):
        return n * n


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % pool.map(crunch, [1, 2, 3]))
"""

PROCESS_MAIN = """
    import multiprocessing

    from kit.tracer import trace_and_save


    @trace_and_save
    def crunch(n):
        return n * n


    if __name__ == "__main__":
        p = multiprocessing.Process(target=crunch, args=(3,), daemon=DAEMON)
        p.start()
        p.join()
        print("EXIT=%d" % p.exitcode)
"""


def build(tmp_path, decorator, main=MAIN):
    return project(tmp_path, {"kit/__init__.py": "", "kit/tracer.py": TRACER,
                              "main.py": main.replace("DECORATOR", decorator)})


@pytest.mark.parametrize("decorator", ["@trace_and_save", "@trace_and_save()", "@trace_and_save(daemon_safe=False)"])
def test_a_wrapper_that_starts_a_process_in_a_pool_worker(tmp_path, decorator):
    root = build(tmp_path, decorator)
    (finding,) = [f for f in findings_all(root / "main.py") if f.code == "MP413"]
    assert "trace_and_save (from kit.tracer)" in finding.message
    site = finding.related_file
    assert site is not None and site.path.endswith("tracer.py") and site.line == 19


def findings_all(path):
    """(with the copy at the import: MP413 sits there)"""
    return analyze_path(path, Settings(), project_root=path.parent).findings


@pytest.mark.parametrize("decorator", ["@trace_and_save(daemon_safe=True)", "@plain"])
def test_near_misses_are_silent(tmp_path, decorator):
    assert [f for f in findings_all(build(tmp_path, decorator) / "main.py") if f.code == "MP413"] == []


def test_a_non_daemonic_process_is_silent(tmp_path):
    root = build(tmp_path, "", PROCESS_MAIN.replace("DAEMON", "False"))
    assert [f for f in findings_all(root / "main.py") if f.code == "MP413"] == []
    root = build(tmp_path / "d", "", PROCESS_MAIN.replace("DAEMON", "True"))
    assert [f.code for f in findings_all(root / "main.py")].count("MP413") == 1


SAME_MODULE = textwrap.dedent(TRACER) + textwrap.dedent(MAIN).replace("from kit.tracer import plain, trace_and_save\n", "")


@pytest.mark.parametrize("decorator, reported", [("@trace_and_save", True), ("@trace_and_save(daemon_safe=False)", True),
                                                 ("@trace_and_save(daemon_safe=True)", False), ("@plain", False)])
def test_same_module_decorator_with_a_falsy_flag(decorator, reported):
    assert ("MP413" in codes(SAME_MODULE.replace("DECORATOR", decorator))) is reported


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for decorator, fails in (("@trace_and_save", True), ("@trace_and_save(daemon_safe=True)", False)):
        root = build(tmp_path / decorator.strip("@()=").replace("(", "_"), decorator)
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        assert ("daemonic processes are not allowed to have children" in out.stderr) is fails, out.stderr
        assert ("RESULT=[1, 4, 9]" in out.stdout) is not fails, out.stderr

"""Python 3.14's InterpreterPoolExecutor (rules/interpreters.py, MP425 with MP101/MP203/MP207): on source
strings. Each case follows what Python 3.14.10 did (tests/test_interpreter_pool_runtime.py reruns them in
the 3.14 chroot when it exists)."""
from __future__ import annotations

from helpers import check, codes, found
from mpguard.linter.settings import Settings
from mpguard.rules.registry import get
from mpguard.semantic.platforms import TargetSet

ALL = {"fork", "spawn", "forkserver"}

SCRIPT = """
    import threading
    from concurrent.futures import InterpreterPoolExecutor

    FACTOR = 3


    def scale(x):
        return x * FACTOR


    def make_lock(x):
        return threading.Lock()


    def main():
        k = 2

        def local_scale(x):
            return x * k

        def local_pure(x):
            return x + 1

        with InterpreterPoolExecutor(max_workers=2) as ex:
            print(list(ex.map(lambda x: x * 2, range(4))))
            print(list(ex.map(lambda x: len([x]), range(4))))
            print(list(ex.map(lambda x: x * FACTOR, range(4))))
            print(ex.submit(local_scale, 1).result())
            print(ex.submit(local_pure, 1).result())
            print(ex.submit(scale, threading.Lock()).result())
            print(ex.submit(make_lock, 1).result())
            print(ex.submit(scale, 1).result())


    if __name__ == "__main__":
        def guarded(x):
            return x * FACTOR

        def guarded_pure(x):
            return x

        main()
        with InterpreterPoolExecutor() as ex:
            ex.submit(guarded, 1)
            ex.submit(guarded_pure, 1)
"""


def test_what_a_subinterpreter_cannot_receive():
    got = sorted((f.start.row, f.code) for f in check(SCRIPT))
    # 28: a lambda reading a global; 29: a closure; 31: a lock argument; 13: a lock returned; 45: defined
    # under the guard and reading a global. Stateless lambdas and functions (26, 27, 30, 46) are shared.
    assert got == [(13, "MP207"), (28, "MP425"), (29, "MP425"), (31, "MP203"), (45, "MP425")]
    for finding in check(SCRIPT):
        assert set(finding.start_methods) == ALL  # no start method is involved
        assert "NotShareableError" in finding.message


def test_messages_quote_python_314():
    lam = [f for f in found(SCRIPT, "MP425") if f.start.row == 28][0]
    assert "<function main.<locals>.<lambda> at 0x...> does not support cross-interpreter data" in lam.message
    guard = [f for f in found(SCRIPT, "MP425") if f.start.row == 45][0]
    assert "args not shareable" in guard.message and "<fake __main__>" in guard.message


def test_unguarded_script_whose_task_reads_globals():
    src = """
        from concurrent.futures import InterpreterPoolExecutor


        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)


        with InterpreterPoolExecutor(max_workers=5) as executor:
            futures = {executor.submit(fib, n): n for n in range(10)}
    """
    findings = found(src, "MP101")
    assert len(findings) == 1 and "<fake __main__>" in findings[0].message
    stateless = src.replace("n if n < 2 else fib(n - 1) + fib(n - 2)", "n * 2")
    assert not codes(stateless)  # a stateless function is shared: the script is never run again


def test_only_where_the_targets_include_314():
    old = Settings(targets=TargetSet(max_version=(3, 13)))
    assert not check(SCRIPT, settings=old)
    new = Settings(targets=TargetSet(min_version=(3, 14), max_version=(3, 14)))
    assert {f.code for f in check(SCRIPT, settings=new)} == {"MP425", "MP203", "MP207"}


def test_thread_pool_is_not_an_interpreter_pool():
    assert not codes(SCRIPT.replace("InterpreterPoolExecutor", "ThreadPoolExecutor"))


def test_rule_is_registered_with_docs():
    rule = get("MP425")
    assert rule is not None and rule.name == "interpreter-task-not-shareable"
    assert "NotShareableError" in rule.docs and rule.code_block("Example")

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


# ---- initializer / initargs: each worker interpreter runs initializer(*initargs) as a task ---------------

INIT = """
    import threading
    from concurrent.futures import InterpreterPoolExecutor

    FACTOR = 3


    def init_stateless(x):
        pass


    def init_global(x):
        global SEEN
        SEEN = x * FACTOR


    def task(x):
        return x + 1


    def main():
        k = 5

        def closure(x):
            print(x * k)

        with InterpreterPoolExecutor(1, "", init_stateless, (2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=init_global, initargs=(2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=lambda x: None, initargs=(2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=lambda x: print(x * FACTOR), initargs=(2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=closure, initargs=(2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=guarded_init, initargs=(2,)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=init_stateless, initargs=(threading.Lock(),)) as ex:
            ex.submit(task, 1).result()
        with InterpreterPoolExecutor(initializer=None, initargs=()) as ex:
            ex.submit(task, 1).result()


    if __name__ == "__main__":
        def guarded_init(x):
            print(x * FACTOR)

        main()
"""
BROKEN = "BrokenInterpreterPool: A thread initializer failed, the thread pool is not usable anymore"


def test_what_an_initializer_cannot_bring_into_a_subinterpreter():
    got = sorted((f.start.row, f.code) for f in check(INIT))
    # 33: a lambda reading a global; 35: a closure; 37: defined under the guard (pickled by name, not found
    # in `<fake __main__>`); 39: a lock in initargs. The stateless initializers (27, 31), one of the script
    # that reads globals (29: found by name) and initializer=None (41) work (all observed on 3.14.10).
    assert got == [(33, "MP425"), (35, "MP425"), (37, "MP425"), (39, "MP203")]
    for finding in check(INIT):
        assert BROKEN in finding.message and "Exception in initializer" in finding.message
        assert set(finding.start_methods) == ALL
    assert "initializer is a lambda" in found(INIT, "MP425")[0].message
    assert "`initargs` of the initializer" in found(INIT, "MP203")[0].message


def test_an_initializer_defined_under_the_guard():
    src = """
        from concurrent.futures import InterpreterPoolExecutor

        FACTOR = 3


        def task(x):
            return x + 1


        if __name__ == "__main__":
            def setup(x):
                print(x * FACTOR)

            with InterpreterPoolExecutor(initializer=setup, initargs=(2,)) as ex:
                ex.submit(task, 1).result()
    """
    [finding] = found(src, "MP425")
    assert finding.start.row == 15 and "initializer `setup` is defined under" in finding.message
    assert BROKEN in finding.message and "args not shareable" in finding.message


def test_an_initializer_of_a_thread_pool_is_not_judged():
    assert not codes(INIT.replace("InterpreterPoolExecutor", "ThreadPoolExecutor"))

"""MP208 for an exception object sent as a value, not raised (ruffus PR #67, fresh_reports21 ruffus67:
`RethrownJobError([])` made in the parent and logged through a Manager proxy whose __init__ needs `job_exceptions`
but hands nothing to Exception.__init__). pickle sends it; the receiver rebuilds it as `cls(*args)` and fails: the
manager's server (the proxy call raises RemoteError), a Queue's reader, a pool worker (the task is lost: a Pool
hangs), a spawned Process's child. Also a proxy another module's function returns (whole or in a tuple). Near
misses: the class with a default for its argument, a plain class (rebuilt without __init__), a rebuildable one.
Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

ERROR = """
    class QuotaExceeded(Exception):
        def __init__(self, user, limit):
            super().__init__(f"{user} is over {limit}")
            self.user = user
            self.limit = limit
"""

PROXY = ERROR + """

    from multiprocessing.managers import BaseManager


    class Trail:
        def __init__(self):
            self.entries = []

        def record(self, entry):
            self.entries.append(repr(entry))
            return len(self.entries)


    class TrailManager(BaseManager):
        pass


    TrailManager.register("Trail", Trail)


    if __name__ == "__main__":
        manager = TrailManager()
        manager.start()
        trail = manager.Trail()
        print("RESULT=%s" % trail.record(QuotaExceeded("ann", 3)))
        manager.shutdown()
"""

QUEUE = ERROR + """

    import multiprocessing


    def reader(q):
        print("got", q.get())


    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=reader, args=(q,))
        p.start()
        q.put(QuotaExceeded("bob", 2))
        p.join(30)
        print("RESULT=%s" % p.exitcode)
"""

POOL = ERROR + """

    from multiprocessing import Pool


    def describe(err):
        return str(err)


    if __name__ == "__main__":
        with Pool(2) as pool:
            res = pool.apply_async(describe, (QuotaExceeded("cy", 1),))
            print("RESULT=%s" % res.get(timeout=10))
"""

PROCESS = ERROR + """

    from multiprocessing import Process


    def show(err):
        print("child got", err)


    if __name__ == "__main__":
        p = Process(target=show, args=(QuotaExceeded("di", 4),))
        p.start()
        p.join()
        print("RESULT=%s" % p.exitcode)
"""

MISSING = "TypeError: QuotaExceeded.__init__() missing 1 required positional argument: 'limit'"


def _with_default(program):
    return program.replace("def __init__(self, user, limit):", "def __init__(self, user, limit=0):")


def _plain_class(program):
    return program.replace("class QuotaExceeded(Exception):", "class QuotaExceeded:") \
        .replace('super().__init__(f"{user} is over {limit}")', "pass")


def _rebuildable(program):
    return program.replace('super().__init__(f"{user} is over {limit}")', "super().__init__(user, limit)")


@pytest.mark.parametrize("program, row_text, every", [
    (PROXY, 'trail.record(QuotaExceeded("ann", 3))', True),
    (QUEUE, 'q.put(QuotaExceeded("bob", 2))', True),
    (POOL, 'pool.apply_async(describe, (QuotaExceeded("cy", 1),))', True),
    (PROCESS, 'Process(target=show, args=(QuotaExceeded("di", 4),))', False),
])
def test_reported_at_the_sending_call(program, row_text, every):
    (finding,) = found(program, "MP208")
    line = program.splitlines()[finding.start.row - 1]
    assert row_text in line, (finding, line)
    assert MISSING in finding.message
    assert set(finding.start_methods) == ({"fork", "spawn", "forkserver"} if every else {"spawn", "forkserver"})


@pytest.mark.parametrize("program", [PROXY, QUEUE, POOL, PROCESS])
@pytest.mark.parametrize("near", [_with_default, _plain_class, _rebuildable])
def test_near_misses_are_silent(program, near):
    assert found(near(program), "MP208") == []


def test_a_value_that_may_be_another_stays_silent():
    program = QUEUE.replace('q.put(QuotaExceeded("bob", 2))',
                            'q.put(QuotaExceeded("bob", 2) if p.pid else "done")')
    assert found(program, "MP208") == []


LOGGING = """
    from multiprocessing.managers import BaseManager


    class Sink:
        def __init__(self, name):
            self.records = []

        def error(self, message):
            self.records.append(str(message))
            return len(self.records)


    class SinkManager(BaseManager):
        pass


    SinkManager.register("setup_logger", Sink)


    def shared_logger_and_manager(name):
        manager = SinkManager()
        manager.start()
        return manager.setup_logger(name), manager


    _KEPT = []


    def shared_logger(name):
        manager = SinkManager()
        manager.start()
        _KEPT.append(manager)
        return manager.setup_logger(name)
"""

ERRORS = """
    class TaskError(Exception):
        def __init__(self, *messages):
            Exception.__init__(self, *messages)


    class RethrownErrors(TaskError):
        def __init__(self, errors):
            TaskError.__init__(self)
            self.errors = list(errors)
"""

CALLER_PAIR = """
    from kit.errors import RethrownErrors
    from kit.logs import shared_logger_and_manager


    def run():
        logger, manager = shared_logger_and_manager("jobs")
        try:
            print("RESULT=%s" % logger.error(RethrownErrors([("job1", "ValueError")])))
        finally:
            manager.shutdown()


    if __name__ == "__main__":
        run()
"""

CALLER_WHOLE = """
    from kit.errors import RethrownErrors
    from kit.logs import shared_logger


    if __name__ == "__main__":
        logger = shared_logger("jobs")
        print("RESULT=%s" % logger.error(RethrownErrors([])))
"""

REBUILT = "TypeError: RethrownErrors.__init__() missing 1 required positional argument: 'errors'"


def _kit(tmp_path, caller, errors=ERRORS):
    return project(tmp_path, {"kit/__init__.py": "", "kit/logs.py": LOGGING, "kit/errors.py": errors,
                              "main.py": caller})


@pytest.mark.parametrize("caller", [CALLER_PAIR, CALLER_WHOLE])
def test_proxy_of_another_module(tmp_path, caller):
    root = _kit(tmp_path, caller)
    (finding,) = findings(root / "main.py", "MP208")
    assert "logger.error(" in caller.splitlines()[finding.start.row - 1]
    assert REBUILT in finding.message and "RemoteError" in finding.message


@pytest.mark.parametrize("caller", [CALLER_PAIR, CALLER_WHOLE])
def test_proxy_of_another_module_near_misses(tmp_path, caller):
    root = _kit(tmp_path, caller, ERRORS.replace("def __init__(self, errors):", "def __init__(self, errors=()):"))
    assert findings(root / "main.py", "MP208") == []
    # the item of the tuple that is not the proxy: the manager itself (its methods are not proxy calls)
    other = caller.replace("logger, manager = ", "manager, logger = ")
    if other != caller:
        root = _kit(tmp_path / "other", other)
        assert findings(root / "main.py", "MP208") == []


METHODS = ("fork", "spawn", "forkserver")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("program, fails", [(PROXY, "RemoteError"), (QUEUE, None), (POOL, "TimeoutError"),
                                            (PROCESS, None)])
def test_runtime_single_module(tmp_path, method, program, fails):
    import textwrap
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program))
    out = run_program(path, method)
    assert MISSING in out.stderr or (program is PROCESS and method == "fork"), out.stderr
    if fails is not None:
        assert out.returncode != 0 and fails in out.stderr, out.stderr
    elif program is QUEUE:  # the reader dies in get(); the parent goes on
        assert "RESULT=1" in out.stdout, out.stderr
    else:  # the spawned child cannot rebuild its arguments; a forked one is given them as they are
        assert ("RESULT=0" if method == "fork" else "RESULT=1") in out.stdout, out.stderr
    near = tmp_path / "near.py"
    near.write_text(textwrap.dedent(_with_default(program)))
    out = run_program(near, method)
    assert out.returncode == 0 and "RESULT=" in out.stdout and "Error" not in out.stderr, out.stderr


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("caller", [CALLER_PAIR, CALLER_WHOLE])
def test_runtime_another_module(tmp_path, method, caller):
    root = _kit(tmp_path / "hazard", caller)
    out = run_program(root / "main.py", method, cwd=root)
    assert out.returncode != 0 and REBUILT in out.stderr and "RemoteError" in out.stderr, out.stderr
    root = _kit(tmp_path / "near", caller, ERRORS.replace("def __init__(self, errors):",
                                                           "def __init__(self, errors=()):"))
    out = run_program(root / "main.py", method, cwd=root)
    assert out.returncode == 0 and "RESULT=1" in out.stdout, out.stderr

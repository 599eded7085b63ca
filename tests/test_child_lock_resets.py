"""A forked child that gives a lock a new one before it uses it (semantic/lock_resets.py, rules/child_resets.py):
the copy a parent's thread held at the fork is never taken, so MP305 and MP423 stay silent (QubesOS
qubes-core-admin-client #72's fix, fresh_reports20 qubes72_restore_child_reinits_log_locks: the extraction process
re-initialises its log handler's lock first). Shapes: a module global rebound under `global` by a helper or
re-initialised with `_at_fork_reinit()` (MP305, MP423 of one module); an attribute of another module's object
re-made by that module's function (MP423 across modules), a method re-making it reached through a loop and an
isinstance test, `createLock()`. Near misses that keep the finding: the reset after the first use, a reset of
another lock, a reset behind a test that calls something. Proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import check, found, run_program

from mpguard.semantic.lock_resets import leading_resets, module_resets
from mpguard.semantic.names import ImportMap
from test_semantic_crossmodule import findings, project

ONE_MODULE = """
    import multiprocessing as mp
    import queue
    import sys
    import threading
    import time

    LOCK = threading.Lock()
    OTHER = threading.Lock()


    def hold(seconds):
        with LOCK:
            time.sleep(seconds)


    def fresh_lock():
        global LOCK
        LOCK = threading.Lock()


    def fresh_other():
        global OTHER
        OTHER = threading.Lock()


    def work(q):
        BEFORE
        with LOCK:
            q.put("ok")
        AFTER


    def main():
        t = threading.Thread(target=hold, args=(30,), daemon=True)
        t.start()
        time.sleep(0.2)
        q = mp.Queue()
        p = mp.Process(target=work, args=(q,), daemon=True)
        p.start()
        try:
            print("RESULT=%s" % q.get(timeout=5))
        except queue.Empty:
            print("RESULT=stuck")
            return 1
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""


def one_module(before="pass", after="pass"):
    return ONE_MODULE.replace("BEFORE", before).replace("AFTER", after)


RESETS = ["fresh_lock()", "LOCK._at_fork_reinit()", "global LOCK\n        LOCK = threading.Lock()"]
KEPT = [dict(), dict(after="fresh_lock()"), dict(before="fresh_other()"),
        dict(before="if sys.argv[1:]:\n            fresh_lock()"), dict(before="print('go')\n        fresh_lock()")]


@pytest.mark.parametrize("before", RESETS)
def test_a_module_lock_made_anew_first_is_not_the_held_copy(before):
    src = one_module(before=before)
    assert "MP001" not in {f.code for f in check(src)}
    assert found(src, "MP305") == [] and found(src, "MP423") == []


@pytest.mark.parametrize("kwargs", KEPT)
def test_the_held_copy_still_taken(kwargs):
    [finding] = found(one_module(**kwargs), "MP305")
    assert finding.start_methods == ("fork",) or set(finding.start_methods) == {"fork"}


SINKLOG = """
    import threading
    import time


    class Sink:
        def __init__(self):
            self.guard = threading.Lock()

        def write(self, text):
            with self.guard:
                time.sleep(0.3)

        def renew_guard(self):
            self.guard = threading.Lock()


    SINK = Sink()
    SINKS = [SINK]


    def log_line(text):
        SINK.write(text)


    def renew():
        SINK.guard = threading.Lock()


    def renew_all():
        for sink in SINKS:
            if isinstance(sink, Sink):
                sink.renew_guard()


    def renew_other():
        SINK.other = threading.Lock()


    def start_writer(n=20):
        def loop():
            for i in range(n):
                SINK.write("chunk %d" % i)
        t = threading.Thread(target=loop, daemon=True)
        t.start()
        return t
"""

PROGRAM = """
    import multiprocessing as mp
    import queue
    import sys
    import time

    from kit import sinklog


    def child(q):
        BEFORE
        sinklog.log_line("child")
        AFTER
        q.put("done")


    def main():
        writer = sinklog.start_writer()
        time.sleep(0.1)
        q = mp.Queue()
        p = mp.Process(target=child, args=(q,), daemon=True)
        p.start()
        try:
            print("RESULT=%s" % q.get(timeout=5))
        except queue.Empty:
            print("RESULT=stuck")
            return 1
        p.join()
        return 0  # (the writer is a daemon thread: not waited for, its 20 chunks took 6 s of every run)


    if __name__ == "__main__":
        sys.exit(main())
"""


def files(before="pass", after="pass"):
    return {"kit/__init__.py": "", "kit/sinklog.py": SINKLOG,
            "prog.py": PROGRAM.replace("BEFORE", before).replace("AFTER", after)}


def mp423(tmp_path, **kwargs):
    return findings(project(tmp_path, files(**kwargs)) / "prog.py", "MP423")


@pytest.mark.parametrize("before", ["sinklog.renew()", "sinklog.renew_all()"])
def test_another_modules_lock_attribute_made_anew_first(tmp_path, before):
    assert mp423(tmp_path, before=before) == []


@pytest.mark.parametrize("kwargs", [dict(), dict(after="sinklog.renew()"), dict(before="sinklog.renew_other()")])
def test_another_modules_held_lock_still_taken(tmp_path, kwargs):
    [finding] = mp423(tmp_path, **kwargs)
    assert "sinklog.start_writer()" in finding.message


def _imports(tree, module):
    imports = ImportMap(module)
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.add(stmt)
    return imports


def test_the_module_fact():
    tree = ast.parse(textwrap.dedent(SINKLOG))
    fact = module_resets(tree, "kit.sinklog", _imports(tree, "kit.sinklog").qualify)
    assert fact == {"resets": {"renew": ["attr:guard"], "renew_all": ["attr:guard"], "renew_other": ["attr:other"],
                               "Sink.__init__": ["attr:guard"], "Sink.renew_guard": ["attr:guard"]},
                    "takes": ["attr:guard"]}


def test_create_lock_and_a_call_that_does_more():
    src = textwrap.dedent("""
        import logging
        import threading

        def first(handler, worker):
            handler.createLock()
            worker.state = threading.Lock()
            worker.run()
            handler.createLock()

        def busy(handler):
            handler.createLock()
            print("reset")

        def second(handler):
            busy(handler)
    """)
    tree = ast.parse(src)
    defs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    qualify = _imports(tree, "").qualify
    assert leading_resets(defs["first"], tree, "", qualify, None) == {"attr:lock", "attr:state"}
    assert leading_resets(defs["second"], tree, "", qualify, None) == frozenset()


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kwargs, stuck", [(dict(), True), (dict(before="sinklog.renew_all()"), False),
                                           (dict(after="sinklog.renew()"), True)])
def test_runtime_across_modules(tmp_path, method, kwargs, stuck):
    root = project(tmp_path, files(**kwargs))
    out = run_program(root / "prog.py", method, timeout=60, cwd=root)
    if stuck and method == "fork":  # the child waits for the copy of the guard the writer held
        assert out.returncode == 1 and "RESULT=stuck" in out.stdout, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=done" in out.stdout, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kwargs, stuck", [(dict(), True), (dict(before="fresh_lock()"), False),
                                           (dict(before="LOCK._at_fork_reinit()"), False),
                                           (dict(before="fresh_other()"), True)])
def test_runtime_one_module(tmp_path, method, kwargs, stuck):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(one_module(**kwargs)))
    out = run_program(path, method, timeout=60)
    if stuck and method == "fork":
        assert out.returncode == 1 and "RESULT=stuck" in out.stdout, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=ok" in out.stdout, out.stderr

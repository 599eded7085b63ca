"""Runtime proof of what tests/test_rules_interpreters.py asserts: InterpreterPoolExecutor programs run on
Python 3.14 in the Debian chroot of scripts/py314 (root only; skipped with the reason otherwise).
UNGUARDED is https://github.com/python/cpython/issues/136603 (an unguarded script submitting `fib`);
PROGRAM covers the stateless/pickled split documented in Interpreter.call and the `args not shareable`
reports of https://github.com/python/cpython/issues/124694."""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

CHROOT = Path(os.environ.get("MPGUARD_PY314_ROOT", "/srv/sid314"))

PROGRAM = '''
import sqlite3, sys, threading
from concurrent.futures import InterpreterPoolExecutor
print("IMPORT", __name__, flush=True)
FACTOR = 3
def stateless(x):
    return x * 2
def uses_global(x):
    return x * FACTOR
def returns_lock(x):
    return threading.Lock()
def kind(x):
    return type(x).__name__
def run(label, fn, *args):
    try:
        with InterpreterPoolExecutor(max_workers=1) as ex:
            print(label, "OK", ex.submit(fn, *args).result(timeout=60), flush=True)
    except Exception as e:
        print(label, "FAIL", type(e).__module__ + "." + type(e).__name__ + ": " + str(e).split(" at 0x")[0], flush=True)
if __name__ == "__main__":
    def guarded(x):
        return x * FACTOR
    def guarded_stateless(x):
        return x + 1
    def main():
        k = 5
        def closure(x):
            return x * k
        run("stateless", stateless, 2)
        run("uses_global", uses_global, 2)
        run("lambda_stateless", lambda x: len([x]), 2)
        run("lambda_global", lambda x: x * FACTOR, 2)
        run("closure", closure, 2)
        run("guarded", guarded, 2)
        run("guarded_stateless", guarded_stateless, 2)
        run("lock_argument", kind, threading.Lock())
        run("generator_argument", kind, (i for i in range(3)))
        run("sqlite_argument", kind, sqlite3.connect(":memory:"))
        run("lock_result", returns_lock, 1)
    main()
'''

UNGUARDED = '''
from concurrent.futures import InterpreterPoolExecutor
print("IMPORT", __name__, flush=True)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
with InterpreterPoolExecutor(max_workers=2) as executor:
    print("RESULT", list(executor.map(fib, range(5))), flush=True)
'''


def _run(source: str) -> str:
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("the Python 3.14 chroot needs root")
    if not (CHROOT / "usr/bin/python3.14").exists():
        pytest.skip(f"no Python 3.14 chroot at {CHROOT} (as root: sh scripts/py314/setup_chroot.sh)")
    name = f"mpguard-ipe-{uuid.uuid4().hex[:8]}"
    folder = CHROOT / "tmp" / name
    folder.mkdir(parents=True)
    try:
        (folder / "prog.py").write_text(source)
        done = subprocess.run(["chroot", str(CHROOT), "env", "-i", "PATH=/usr/bin:/bin", "LANG=C.UTF-8",
                               "python3.14", f"/tmp/{name}/prog.py"], capture_output=True, text=True, timeout=240)
        return done.stdout + done.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_what_crosses_into_a_subinterpreter():
    out = _run(PROGRAM)
    lines = {line.split()[0]: line for line in out.splitlines() if " OK " in line or " FAIL " in line}
    for ok in ("stateless", "uses_global", "lambda_stateless", "guarded_stateless"):
        assert " OK " in lines[ok], out
    not_shareable = "concurrent.interpreters.NotShareableError"
    assert lines["lambda_global"].endswith("<function main.<locals>.<lambda>"), out  # text cut at its address
    assert lines["closure"].endswith("<function main.<locals>.closure"), out
    assert lines["guarded"] == f"guarded FAIL {not_shareable}: args not shareable", out
    for name in ("lock_argument", "generator_argument", "sqlite_argument"):
        assert f"FAIL {not_shareable}" in lines[name], out
    assert lines["lock_result"] == f"lock_result FAIL {not_shareable}: object does not support cross-interpreter data"
    # __main__ is run again, as `<fake __main__>`, only to find a function of the script that reads globals
    assert "IMPORT <fake __main__>" in out and out.count("IMPORT __main__") == 1


def test_unguarded_script_runs_again_and_fails():
    out = _run(UNGUARDED)
    assert "IMPORT <fake __main__>" in out
    assert "module '__main__' has no attribute 'fib'" in out
    assert "concurrent.interpreters.NotShareableError: args not shareable" in out
    assert "RESULT [" not in out


# initializer/initargs cross as a task and its arguments do (WorkerContext.initialize runs them through
# Interpreter.call); a refusal breaks the pool. tests/test_rules_interpreters.py INIT judges the same cases.
INITIALIZERS = '''
import threading
from concurrent.futures import InterpreterPoolExecutor
print("IMPORT", __name__, flush=True)
FACTOR = 3
def init_stateless(x):
    pass
def init_global(x):
    global SEEN
    SEEN = x * FACTOR
def task(x):
    return x + 1
def run(label, init, *initargs):
    try:
        with InterpreterPoolExecutor(max_workers=1, initializer=init, initargs=initargs) as ex:
            print(label, "OK", ex.submit(task, 1).result(timeout=60), flush=True)
    except Exception as e:
        print(label, "FAIL", type(e).__module__ + "." + type(e).__name__ + ": " + str(e), flush=True)
if __name__ == "__main__":
    def guarded_init(x):
        print(x * FACTOR)
    def main():
        k = 5
        def closure(x):
            print(x * k)
        run("init_stateless", init_stateless, 2)
        run("init_global", init_global, 2)
        run("lambda_stateless", lambda x: None, 2)
        run("lambda_global", lambda x: print(x * FACTOR), 2)
        run("closure", closure, 2)
        run("guarded", guarded_init, 2)
        run("lock_initarg", init_stateless, threading.Lock())
    main()
'''


def test_what_an_initializer_brings_into_a_subinterpreter():
    out = _run(INITIALIZERS)
    lines = {line.split()[0]: line for line in out.splitlines() if " OK " in line or " FAIL " in line}
    for ok in ("init_stateless", "init_global", "lambda_stateless"):
        assert lines[ok] == f"{ok} OK 2", out
    broken = ("concurrent.futures.interpreter.BrokenInterpreterPool: A thread initializer failed, the thread pool "
              "is not usable anymore")
    for name in ("lambda_global", "closure", "guarded", "lock_initarg"):
        assert lines[name] == f"{name} FAIL {broken}", out
    assert out.count("Exception in initializer:") == 4, out
    assert "NotShareableError: <function main.<locals>.<lambda> at 0x" in out
    assert "AttributeError: module '__main__' has no attribute 'guarded_init'" in out

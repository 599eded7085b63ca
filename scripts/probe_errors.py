#!/usr/bin/env python3
"""Make the running interpreter print the multiprocessing errors mpguard quotes, and print them as JSON.

Every error is produced for real: values are sent through a Pool (pickled under every start method)
and a Process (pickled under spawn and forkserver), and the errors raised in a child (a name missing
from `__mp_main__`, the bootstrap error) come from a child's stderr. The output maps a key of
`server/mpguard/semantic/data/errors/<version>.json` to {"text": what was printed, "params": the
program's names in it}; tests/test_error_tables.py renders the table with those params and compares.

    python scripts/probe_errors.py            # the keys this interpreter can produce, as JSON
Runs on Python 3.9+ (the oldest version mpguard analyses code for). Takes a few seconds.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import re
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import traceback

LAMBDA = lambda: None  # noqa: E731  (the point: a lambda in __main__)


def make_worker():
    def worker():
        pass
    return worker


def make_class():
    class Adder:
        pass
    return Adder


def make_namedtuple():
    from collections import namedtuple
    return namedtuple("Point", "x y")


def make_made_dataclass():
    from dataclasses import make_dataclass
    return make_dataclass("Row", [("x", int)])


def gen():
    yield 1


def noop(*args):
    return None


def described(exc: BaseException) -> str:
    name = type(exc).__qualname__
    module = type(exc).__module__
    full = name if module in ("builtins", None) else f"{module}.{name}"
    return " ".join(f"{full}: {exc}".split())


def parent_side(method: str) -> dict:
    """Errors raised in the parent while pickling a task (Pool: every method) or a Process (not fork)."""
    ctx = multiprocessing.get_context(method)
    text_file = open(__file__)
    binary_file = open(__file__, "rb")
    values = {
        "local_function": (make_worker(), {"qualname": "make_worker.<locals>.worker"}),
        "local_class": (make_class(), {"module": "__main__", "qualname": "make_class.<locals>.Adder"}),
        "unfindable_class": (make_namedtuple()(1, 2), {"module": "__main__", "qualname": "Point"}),
        "made_dataclass_class": (make_made_dataclass()(1), {"module": "__main__", "qualname": "Row"}),
        "lambda": (LAMBDA, {"module": "__main__", "qualname": "<lambda>"}),
        "thread_lock": (threading.Lock(), {}),
        "thread_rlock": (threading.RLock(), {}),
        "io_object": (text_file, {"name": "TextIOWrapper"}),
        "io_object_binary": (binary_file, {"name": "BufferedReader"}),
        "generator": (gen(), {}),
        "ssl_context": (ssl.create_default_context(), {}),
        "sqlite_connection": (sqlite3.connect(":memory:"), {}),
        "inheritance": (ctx.Lock(), {"kind": "Lock"}),
        "process_object": (ctx.Process(target=noop), {}),
    }
    found = {}
    try:
        with ctx.Pool(1) as pool:
            for key, (value, params) in values.items():
                try:
                    pool.apply(noop, (value,))
                except Exception as exc:  # the point: record what pickling raised
                    found[key] = {"text": described(exc), "params": params}
            try:
                pickle.dumps(pool)
            except Exception as exc:
                found["pool_object"] = {"text": described(exc), "params": {}}
    finally:
        text_file.close()
        binary_file.close()
    if method != "fork":  # a Process pickles its target under spawn and forkserver only
        try:
            ctx.Process(target=make_worker()).start()
        except Exception as exc:
            found["process_local_function"] = {"text": described(exc),
                                               "params": {"qualname": "make_worker.<locals>.worker"}}
    return found


CHILD_LAST_ERROR = re.compile(r"^(\w[\w.]*(?:Error|Exception)): ?(.*)$")


def child_error(source: str, method: str, as_file: bool = True, timeout: float = 30) -> str | None:
    """Run `source` as a script (or with -c) under `method`; the first error line a child printed."""
    env = dict(os.environ, PROBE_METHOD=method)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "probe_main.py")
        with open(path, "w") as out:
            out.write(source)
        argv = [sys.executable, path] if as_file else [sys.executable, "-c", source]
        try:
            proc = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            stderr = (exc.stderr or b"").decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        else:
            stderr = proc.stderr
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        match = CHILD_LAST_ERROR.match(line)
        if match and match.group(1) != "ConnectionResetError":
            # the bootstrap error's message starts on the next lines, indented
            rest = [match.group(2)] + [t for t in lines[i + 1:] if t.startswith((" ", "\t"))]
            return " ".join(f"{match.group(1)}: {' '.join(rest)}".split())
    return None


GUARDED = """
import multiprocessing, os
if __name__ == "__main__":
    def work():
        pass
    p = multiprocessing.get_context(os.environ["PROBE_METHOD"]).Process(target=work)
    p.start()
    p.join()
"""

UNGUARDED = """
import multiprocessing, os
def work():
    pass
p = multiprocessing.get_context(os.environ["PROBE_METHOD"]).Process(target=work)
p.start()
p.join()
"""


def child_side(method: str) -> dict:
    found = {}
    text = child_error(GUARDED, method)
    if text:
        found["main_attr_mp_main"] = {"text": text, "params": {"name": "work"}}
    text = child_error(GUARDED, method, as_file=False)
    if text:
        found["notebook_attr"] = {"text": text, "params": {"name": "work"}}
    text = child_error(UNGUARDED, method, timeout=15)
    if text:
        found["bootstrap"] = {"text": text, "params": {}}
    return found


def process_wide() -> dict:
    """Errors that do not pickle anything: each raised once, in this process."""
    found = {}
    try:
        multiprocessing.set_start_method("spawn")
        multiprocessing.set_start_method("spawn")
    except RuntimeError as exc:
        found["context_set"] = {"text": described(exc), "params": {}}
    fork_queue = multiprocessing.get_context("fork").Queue()
    try:
        multiprocessing.get_context("spawn").Process(target=noop, args=(fork_queue,)).start()
    except RuntimeError as exc:
        found["semlock_mismatch"] = {"text": described(exc), "params": {}}
    if sys.version_info >= (3, 11):
        from concurrent.futures import ProcessPoolExecutor
        try:
            ProcessPoolExecutor(max_tasks_per_child=1, mp_context=multiprocessing.get_context("fork"))
        except ValueError as exc:
            found["max_tasks_fork"] = {"text": described(exc), "params": {}}
    me = multiprocessing.current_process()
    daemon = me._config.get("daemon")
    me._config["daemon"] = True
    try:
        multiprocessing.get_context("fork").Process(target=noop).start()
    except AssertionError as exc:
        found["daemonic"] = {"text": described(exc), "params": {}}
    finally:
        me._config["daemon"] = daemon
    return found


def main() -> int:
    methods = [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
    report = {"python": ".".join(map(str, sys.version_info[:3])), "methods": {}}
    for method in methods:
        try:
            report["methods"][method] = {**parent_side(method), **child_side(method)}
        except Exception:
            traceback.print_exc()
            return 1
    report["any"] = process_wide()
    print(json.dumps(report, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

# family: futures
# hazard: process-started-at-import
# line: 24 25
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: A small service module that warms up a ProcessPoolExecutor with `mp_context=multiprocessing.get_context("spawn")` at import time (a module-level "executor = ..." plus a warm-up submit), then serves requests under the guard. Spawned workers re-import the script, which creates and uses an executor again: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", even where fork is the default. Shape of https://github.com/lrcfmd/ElM2D/issues/13 (the error from a library-created pool, fixed by moving the work into main() under the guard) and https://docs.python.org/3/library/concurrent.futures.html#processpoolexecutor ("The __main__ module must be importable by worker subprocesses").
"""Render markdown-ish snippets to HTML in a pre-warmed process pool."""
import html
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`(.+?)`")


def render(snippet):
    text = html.escape(snippet)
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = _CODE.sub(r"<code>\1</code>", text)
    return f"<p>{text}</p>"


executor = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
executor.submit(render, "warm-up").result()


def handle_one(snippet, timeout=10):
    return executor.submit(render, snippet).result(timeout=timeout)


def handle(requests):
    return list(executor.map(render, requests))


if __name__ == "__main__":
    pages = handle(["**hello** world", "use `pip install`", "plain <text> & more"])
    pages.append(handle_one("**single**"))
    for page in pages:
        print(page)
    executor.shutdown()
    print("RESULT=" + str(len(pages)))

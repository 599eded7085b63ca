"""The time one file may take (`file-timeout`), so that one pathological file cannot hold up a run.

The budget is a real-time interval timer (`SIGALRM`) in the process that works on the file: the main
process with `--jobs 1`, each worker process with `--jobs 2` and more (a worker runs its tasks on its main
thread, where signal handlers run). When it fires, the handler raises `FileTimeout` in the middle of the
analysis, which the caller turns into a finding for that file alone. `FileTimeout` is a `BaseException`
so that the analysis' own "never crash on a file" handlers do not swallow it.

Limits: a signal handler runs between bytecodes, so a single long call into C (parsing one enormous
expression) finishes first; on Windows, which has no `SIGALRM`, there is no budget.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class FileTimeout(BaseException):
    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        return (f"not checked: it took longer than {self.seconds:g} s (`file-timeout`); "
                "raise the limit, or set it to 0, to check it")


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float):
    """Raise `FileTimeout` in the body once `seconds` have passed (0: no limit). Wrap the whole `with`
    statement in the `try`: the timer may fire just as the body ends."""
    if not seconds or not available():
        yield
        return

    def expire(signum, frame):
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

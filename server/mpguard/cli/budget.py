"""The time one file may take (`file-timeout`), so that one pathological file cannot hold up a run.

The budget is counted in CPU time, not on the wall clock: a file is cut short for the work it causes,
never because the machine is busy with something else (a wall-clock budget on a loaded CI machine would
drop files at random). A second, wall-clock timer at `WAITING_FACTOR` times the budget catches a file
whose check waits instead of working.

Both are interval timers (`ITIMER_PROF`, `ITIMER_REAL`) in the process that works on the file: the main
process with `--jobs 1`, each worker process with `--jobs 2` and more (a worker runs its tasks on its main
thread, where signal handlers run). When one fires, its handler raises `FileTimeout` in the middle of the
work, which the caller turns into a finding for that file alone. `FileTimeout` is a `BaseException` so
that the analysis' own "never crash on a file" handlers do not swallow it.

Limits: a signal handler runs between bytecodes, so a single long call into C (parsing one enormous
expression) finishes first; on Windows, which has neither timer, there is no budget.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

WAITING_FACTOR = 4


class FileTimeout(BaseException):
    def __init__(self, seconds: float, waiting: bool = False):
        super().__init__(seconds, waiting)
        self.seconds = seconds
        self.waiting = waiting

    def __str__(self) -> str:
        if self.waiting:
            return (f"not checked: still not done after {self.seconds * WAITING_FACTOR:g} s "
                    f"({WAITING_FACTOR} times `file-timeout`), most of it spent waiting")
        return (f"not checked: it took longer than {self.seconds:g} s (`file-timeout`); "
                "raise the limit, or set it to 0, to check it")


def available() -> bool:
    return (hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
            and threading.current_thread() is threading.main_thread())


@contextmanager
def time_budget(seconds: float):
    """Raise `FileTimeout` in the body once it has used `seconds` of CPU time, or waited `WAITING_FACTOR`
    times as long (0: no limit). Wrap the whole `with` statement in the `try`: a timer may fire just as
    the body ends."""
    if not seconds or not available():
        yield
        return

    armed = [True]  # a signal already on its way when the body ends must not raise any more

    def working(signum, frame):
        if armed[0]:
            raise FileTimeout(seconds)

    def waiting(signum, frame):
        if armed[0]:
            raise FileTimeout(seconds, waiting=True)

    previous = signal.signal(signal.SIGPROF, working), signal.signal(signal.SIGALRM, waiting)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WAITING_FACTOR)
    try:
        yield
    finally:
        armed[0] = False  # first: a plain store, where Python does not run signal handlers
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])

# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Reduced from https://github.com/giampaolo/psutil/pull/959 ("Allow exception pickling": psutil.NoSuchProcess(pid, name=None, msg=None) did not call the base __init__, so pickle.loads raised "TypeError: __init__() takes at least 2 arguments (1 given)"; the issue names multiprocessing workers as the victim). Kept: the Error/NoSuchProcess hierarchy with pid/name/msg attributes and __str__, a Process-like wrapper whose method raises it when /proc/<pid> is gone, a ProcessPoolExecutor inspecting several pids; /proc reads replaced by a table. OBSERVED near miss: on Python 3 BaseException.__new__ records the positional constructor args, so NoSuchProcess(pid) is rebuilt as NoSuchProcess(pid) even without calling the base __init__; the 2017 failure was Python 2 only, and the pool delivers the exception normally (compare cpython_ppe_returns_exception_kwargs, built with keywords, which does break).
"""Inspect a list of pids in worker processes and summarise their memory."""
import concurrent.futures
import sys

FAKE_PROC = {1: ("systemd", 12000), 4242: ("postgres", 88000)}


class Error(Exception):
    """Base exception class. All other psutil exceptions inherit from this one."""


class NoSuchProcess(Error):
    """Raised when a process with a certain PID doesn't or no longer exists."""

    def __init__(self, pid, name=None, msg=None):
        self.pid = pid
        self.name = name
        self.msg = msg
        if msg is None:
            details = "(pid=%s, name=%s)" % (pid, repr(name)) if name else "(pid=%s)" % pid
            self.msg = "process no longer exists " + details

    def __str__(self):
        return self.msg


class Process:
    def __init__(self, pid):
        self.pid = pid

    def _read_stat(self):
        try:
            return FAKE_PROC[self.pid]
        except KeyError:
            raise NoSuchProcess(self.pid) from None

    def memory_info(self):
        return self._read_stat()[1]


def rss_of(pid):
    return pid, Process(pid).memory_info()


def main():
    pids = [1, 4242, 31337]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        try:
            usage = dict(pool.map(rss_of, pids))
        except NoSuchProcess as exc:
            print("skipping vanished process", exc.pid)
            usage = {}
    print("RESULT=%s" % sorted(usage.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

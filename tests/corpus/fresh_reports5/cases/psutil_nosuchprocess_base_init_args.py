# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the psutil fix: NoSuchProcess passes its message to the base constructor, so the exception pickles and unpickles (https://github.com/giampaolo/psutil/pull/959)
import os
from concurrent.futures import ProcessPoolExecutor


class Error(Exception):
    """Base exception class of the process-inspection helpers."""


class NoSuchProcess(Error):
    def __init__(self, pid, name=None, msg=None):
        Error.__init__(self, pid, name, msg)
        self.pid = pid
        self.name = name
        self.msg = msg or "process no longer exists (pid=%s)" % pid


class ProcessInfo:
    def __init__(self, pid):
        self.pid = pid

    def cmdline(self):
        if not os.path.exists("/proc/%d" % self.pid):
            raise NoSuchProcess(self.pid, msg="gone")
        return "cmd-%d" % self.pid


def inspect(pid):
    return ProcessInfo(pid).cmdline()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(inspect, pid) for pid in (999999991, 999999992)]
        try:
            print("RESULT=%s" % [f.result(timeout=15) for f in futures])
        except NoSuchProcess as exc:
            print("RESULT=nosuchprocess %s" % exc.pid)

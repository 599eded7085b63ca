# family: results
# hazard: unpicklable-exception
# line: 28
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: psutil's NoSuchProcess(pid, name=None, msg=None) called Error.__init__(self) without arguments, so a pickled instance could not be rebuilt ("__init__() takes at least 2 arguments (1 given)"); here a ProcessPoolExecutor task raises it (https://github.com/giampaolo/psutil/pull/959)
import os
from concurrent.futures import ProcessPoolExecutor


class Error(Exception):
    """Base exception class of the process-inspection helpers."""


class NoSuchProcess(Error):
    def __init__(self, pid, name=None, msg=None):
        Error.__init__(self)
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

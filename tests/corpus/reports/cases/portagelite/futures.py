"""Stand-in for portage.util.futures / _async.ForkProcess: run a callable in a child process."""
import multiprocessing


class ForkProcess:
    """Runs `target(*args, **kwargs)` in a multiprocessing.Process and reports its exit code."""

    def __init__(self, target=None, args=(), kwargs=None, scheduler=None):
        self.target = target
        self.args = tuple(args)
        self.kwargs = dict(kwargs or {})
        self.scheduler = scheduler
        self.returncode = None
        self._proc = None

    def start(self):
        self._proc = multiprocessing.Process(
            target=self.target, args=self.args, kwargs=self.kwargs)
        self._proc.start()

    def wait(self):
        self._proc.join()
        self.returncode = self._proc.exitcode
        return self.returncode

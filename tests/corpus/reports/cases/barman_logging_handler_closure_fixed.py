# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/EnterpriseDB/barman/pull/843 (the merged change: make_logging_handler returns an instance of a module-level callable class instead of an internal function, so the command object shipped to the copy workers pickles). Same Command/RsyncPgData/copy-controller structure as the buggy case.
"""Copy backup directories in parallel, logging each worker's output."""
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile

_logger = logging.getLogger("barman.copy_controller")


class LoggingHandler:
    """Callable object that sends each output line to the logger (picklable)."""

    def __init__(self, level, prefix=None):
        self.level = level
        self.prefix = prefix

    def __call__(self, line):
        if line:
            if self.prefix:
                _logger.log(self.level, "%s%s", self.prefix, line)
            else:
                _logger.log(self.level, "%s", line)


class Command:
    """Reduced barman.command_wrappers.Command."""

    def __init__(self, cmd, args=None, out_handler=None, err_handler=None):
        self.cmd = cmd
        self.args = list(args or [])
        self.out_handler = out_handler or self.make_logging_handler(logging.INFO, "out: ")
        self.err_handler = err_handler or self.make_logging_handler(logging.WARNING, "err: ")

    @staticmethod
    def make_logging_handler(level, prefix=None):
        """Build a handler that sends each output line to the logger."""
        return LoggingHandler(level, prefix)


class RsyncPgData(Command):
    """Stand-in for the rsync wrapper: copies every file of src into dst."""

    def __call__(self, src, dst):
        os.makedirs(dst, exist_ok=True)
        copied = 0
        for name in sorted(os.listdir(src)):
            shutil.copy(os.path.join(src, name), dst)
            self.out_handler("copied %s" % name)
            copied += 1
        return copied


def _run_worker(item):
    job, rsync = item
    return job["label"], rsync(job["src"], job["dst"])


class RsyncCopyController:
    def __init__(self, workers=2):
        self.workers = workers
        self.item_list = []
        self.rsync = RsyncPgData("rsync", args=["-rLKpts"])

    def add_directory(self, label, src, dst):
        self.item_list.append({"label": label, "src": src, "dst": dst})

    def copy(self):
        jobs = [(job, self.rsync) for job in self.item_list]
        with multiprocessing.Pool(self.workers) as pool:
            return dict(pool.imap_unordered(_run_worker, jobs))


def main():
    logging.basicConfig(level=logging.INFO)
    base = tempfile.mkdtemp()
    try:
        controller = RsyncCopyController()
        for label in ("pgdata", "tbs_1"):
            src = os.path.join(base, "src", label)
            os.makedirs(src)
            for n in range(2):
                with open(os.path.join(src, "file%d" % n), "w") as f:
                    f.write(label)
            controller.add_directory(label, src, os.path.join(base, "dst", label))
        counts = controller.copy()
        print("RESULT=%s" % sorted(counts.items()))
        return 0 if counts == {"pgdata": 2, "tbs_1": 2} else 3
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

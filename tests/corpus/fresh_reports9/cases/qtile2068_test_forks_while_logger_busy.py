# family: threads
# hazard: fork-while-lock-held
# line: 42
# timeout: 6
# files: r9kit/log_utils.py
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/qtile/qtile/issues/2068 -- "CI hang is probably the result of our use of multiprocess' default fork behavior": logging is set up at import time, a thread is writing a log record, and the test harness forks the process that runs qtile; the child inherits the held lock and hangs on its first log line
import multiprocessing
import sys
import threading

from r9kit.log_utils import logger, stream


def run_qtile(config_name, ready):
    logger.info("starting qtile with %s", config_name)
    ready.put(config_name)


class TestManager:
    """Reduced test fixture: a background thread logs the X server's output while
    the test starts qtile in another process."""

    def __init__(self, config_name):
        self.config_name = config_name
        self.ready = multiprocessing.Queue()
        self.proc = None

    def start_xserver_logger(self):
        def pump():
            for i in range(5):
                logger.info("xvfb line %d", i)

        t = threading.Thread(target=pump, daemon=True)
        t.start()
        stream.busy.wait(5)
        return t

    def start(self):
        self.start_xserver_logger()
        self.proc = multiprocessing.Process(target=run_qtile, args=(self.config_name, self.ready))
        self.proc.start()
        return self.ready.get()

    def stop(self):
        self.proc.join()
        return self.proc.exitcode


if __name__ == "__main__":
    manager = TestManager("default_config")
    name = manager.start()
    code = manager.stop()
    print(f"RESULT={name}:{code}")
    sys.exit(0 if code == 0 else 1)

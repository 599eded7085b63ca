# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/Preston-Landers/concurrent-log-handler/issues/27 -- the suggested fix: the child runs a module-level function that configures its own handler from the log path, so only a string crosses.
import logging
import multiprocessing
import os
import tempfile

LINE_FORMAT = "[%(levelname)7s] [%(processName)s] %(message)s"


def get_logger(log_name, log_path):
    log = logging.getLogger(log_name)
    if not log.handlers:
        handler = logging.FileHandler(log_path, encoding="utf-8")
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def process_log(log_name, log_path):
    get_logger(log_name, log_path).info("A process log")


class LoggerTestCase:
    log_name = "common"

    def setUp(self):
        self.log_path = os.path.join(tempfile.gettempdir(), f"{self.log_name}.log")
        self.log = get_logger(self.log_name, self.log_path)

    def test_process_logger(self):
        self.log.info("start test process LOG")
        process = multiprocessing.Process(target=process_log, args=(self.log_name, self.log_path))
        process.start()
        process.join()
        self.log.info("Done")
        return process.exitcode


if __name__ == "__main__":
    case = LoggerTestCase()
    case.setUp()
    code = case.test_process_logger()
    print("RESULT=%s" % code)

# family: callable
# hazard: unpicklable-callable
# line: 30
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: github.com/Preston-Landers/concurrent-log-handler/issues/27 -- a test case keeps its rotating file handler on self and starts a Process with the bound method self.process_log, so the instance (handler, stream, lock) is pickled under spawn ("cannot serialize '_io.TextIOWrapper' object").
import logging
import multiprocessing
import os
import tempfile

LINE_FORMAT = "[%(levelname)7s] [%(processName)s] %(message)s"


class LoggerTestCase:
    log_name = "common"

    def setUp(self):
        self.log_path = os.path.join(tempfile.gettempdir(), f"{self.log_name}.log")
        self.handler = logging.FileHandler(self.log_path, encoding="utf-8")
        self.handler.setFormatter(logging.Formatter(LINE_FORMAT))
        self.log = logging.getLogger(self.log_name)
        self.log.addHandler(self.handler)
        self.log.setLevel(logging.INFO)

    def process_log(self):
        self.log.info("A process log")

    def test_process_logger(self):
        self.log.info("start test process LOG")
        process = multiprocessing.Process(target=self.process_log)
        process.start()
        process.join()
        self.log.info("Done")
        return process.exitcode

    def tearDown(self):
        self.log.removeHandler(self.handler)
        self.handler.close()


if __name__ == "__main__":
    case = LoggerTestCase()
    case.setUp()
    try:
        code = case.test_process_logger()
    finally:
        case.tearDown()
    print("RESULT=%s" % code)

# family: object
# hazard: unpicklable-callable
# line: 37
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A Reporter keeps the logging.FileHandler it created; its bound method is the Process target, so spawn/forkserver pickle the Reporter and the handler (RLock + open stream). Modelled on https://github.com/Preston-Landers/concurrent-log-handler/issues/27 (a test passed self.process_log as target while a file handler was attached: "cannot serialize '_io.TextIOWrapper' object").
"""Write a run summary from a background process while logging to a file."""
import logging
import multiprocessing
import os
import tempfile


class Reporter:
    def __init__(self, log_path):
        self.log_path = log_path
        self.handler = logging.FileHandler(log_path)
        self.handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        self.logger = logging.getLogger("reporter")
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.INFO)

    def write_summary(self, totals, out):
        line = ", ".join(f"{k}={v}" for k, v in sorted(totals.items()))
        self.logger.info("summary %s", line)
        out.put(line)

    def close(self):
        self.logger.removeHandler(self.handler)
        self.handler.close()


def main():
    log_path = os.path.join(tempfile.gettempdir(), "reporter_demo.log")
    reporter = Reporter(log_path)
    out = multiprocessing.Queue()
    totals = {"passed": 41, "failed": 1, "skipped": 3}
    proc = multiprocessing.Process(target=reporter.write_summary, args=(totals, out))
    proc.start()
    print(out.get(timeout=10))
    proc.join()
    reporter.close()
    os.remove(log_path)


if __name__ == "__main__":
    main()

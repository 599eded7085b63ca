# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of object_logging_handler_bound_method: the object keeps only a logging.Logger (pickled by name since 3.7) and configures its handler lazily inside the child, so the bound-method target pickles everywhere. Modelled on https://github.com/loosolab/UROPA/issues/14 ("logger cannot be pickled" on old Pythons; Loggers pickle by name on 3.7+).
"""Write a run summary from a background process with a named logger."""
import logging
import multiprocessing


class Reporter:
    def __init__(self, name="reporter"):
        self.logger = logging.getLogger(name)
        self.configured = False

    def _configure(self):
        if not self.configured:
            self.logger.addHandler(logging.NullHandler())
            self.configured = True

    def write_summary(self, totals, out):
        self._configure()
        line = ", ".join(f"{k}={v}" for k, v in sorted(totals.items()))
        self.logger.info("summary %s", line)
        out.put(line)


def main():
    reporter = Reporter()
    out = multiprocessing.Queue()
    totals = {"passed": 41, "failed": 1, "skipped": 3}
    proc = multiprocessing.Process(target=reporter.write_summary, args=(totals, out))
    proc.start()
    print(out.get(timeout=10))
    proc.join()


if __name__ == "__main__":
    main()

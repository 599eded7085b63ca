# family: object
# hazard: unpicklable-argument
# line: 39 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/dask/distributed/issues/2592 ("If you run logging.basicConfig() prior to creating the loggers and try to pickle them the pickling fails with: TypeError: can't pickle _thread.RLock objects") on a plain Pool: the pipeline's reporter gets a logging.FileHandler from a later attach_log() call (an attribute of an attribute, set after __init__), and the pipeline's bound method is sent as a Pool task, which pickles the pipeline under every start method.
"""Score leads in a worker pool; the reporter writes an audit log."""
import logging
import multiprocessing
import os
import tempfile


class Reporter:
    def __init__(self):
        self.handler = None
        self.count = 0

    def attach_log(self, path):
        self.handler = logging.FileHandler(path)
        self.handler.setFormatter(logging.Formatter("%(message)s"))


class LeadPipeline:
    def __init__(self, weights):
        self.weights = weights
        self.reporter = Reporter()

    def step(self, record):
        score = sum(self.weights.get(k, 0) * v for k, v in record.items())
        return record.get("visits", 0), round(score, 2)


def main():
    pipeline = LeadPipeline({"visits": 0.5, "downloads": 2.0, "emails": 1.0})
    log_dir = tempfile.mkdtemp(prefix="leads-")
    pipeline.reporter.attach_log(os.path.join(log_dir, "audit.log"))
    records = [{"visits": 4, "downloads": 1}, {"visits": 10, "emails": 3}, {"visits": 1}]
    with multiprocessing.Pool(2) as pool:
        pending = [pool.apply_async(pipeline.step, (record,)) for record in records]
        scores = [p.get(timeout=10) for p in pending]
    pipeline.reporter.handler.close()
    print("RESULT=%s" % scores)


if __name__ == "__main__":
    main()

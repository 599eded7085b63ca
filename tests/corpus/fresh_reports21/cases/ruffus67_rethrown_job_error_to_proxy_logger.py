# family: exceptions
# hazard: unrebuildable-exception
# line: 42 68
# files: r24kit/proxy_logger.py r24kit/ruffus_errors.py
# expect: fork=error:RemoteError spawn=error:RemoteError forkserver=error:RemoteError
# note: https://github.com/cgat-developers/ruffus/pull/67 -- "RethrownJobError cannot be de-pickled": its __init__ takes the list of job exceptions and passes nothing to Exception.__init__, so BaseException.__reduce__ recreates it as RethrownJobError() and unpickling fails with TypeError; the PR shows it by logging the error through ruffus's proxy_logger, whose logger lives in a separate (manager) process
import argparse
import sys
from multiprocessing import Pool

from r24kit.proxy_logger import make_shared_logger_and_proxy
from r24kit.ruffus_errors import count_words, error_task, run_pooled_job_without_exceptions


class RethrownJobError(error_task):
    """Wrap up one or more exceptions rethrown across process boundaries."""

    def __init__(self, job_exceptions):
        error_task.__init__(self)
        self.job_exceptions = list(job_exceptions)

    def __len__(self):
        return len(self.job_exceptions)

    def __str__(self):
        return "; ".join(f"{task}/{job}: {name}({value})"
                         for task, job, name, value, _ in self.job_exceptions)


class Pipeline:
    def __init__(self, name, logger_proxy, multiprocess=2):
        self.name = name
        self.logger = logger_proxy
        self.multiprocess = multiprocess
        self.jobs = []

    def transform(self, task_name, func, inputs):
        for i, text in enumerate(inputs):
            self.jobs.append((task_name, f"job{i}", func, (text,)))

    def run(self):
        job_errors = RethrownJobError([])
        total = 0
        with Pool(self.multiprocess) as pool:
            for status, value in pool.imap_unordered(run_pooled_job_without_exceptions, self.jobs):
                if status == "ok":
                    total += value
                else:
                    job_errors.job_exceptions.append(value)
        return total, job_errors


def parse_args(argv):
    parser = argparse.ArgumentParser(description="count words in every input, log failures")
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    logger_proxy, manager = make_shared_logger_and_proxy("pipeline")
    try:
        pipeline = Pipeline("count", logger_proxy, args.jobs)
        pipeline.transform("count_words", count_words, ["a b c", "", "d e", "f"])
        total, errors = pipeline.run()
        logger_proxy.info(f"counted {total} words")
        if len(errors):
            logger_proxy.error(errors)
        logged = logger_proxy.count("ERROR")
    finally:
        manager.shutdown()
    print(f"RESULT=words:{total},errors_logged:{logged}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

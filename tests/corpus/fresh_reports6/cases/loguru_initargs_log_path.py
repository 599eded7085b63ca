# family: args
# hazard: none
# line: none
# files: r6kit/logsink.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/Delgan/loguru/issues/831 -- the working variant: the workers receive the log file's path in initargs and build their own logger in the initializer.
import multiprocessing
import os
import tempfile

from r6kit.logsink import make_logger

_logger = None


def set_global_logger(log_path):
    global _logger
    _logger = make_logger(log_path)


def run_heuristic(strategy, orders):
    _logger.info(f"strategy {strategy} on {len(orders)} orders")
    return strategy, sum(orders) * (strategy + 1)


def log_path_for(task_id):
    return os.path.join(tempfile.gettempdir(), f"heuristic-{task_id}.log")


def schedule(all_strategy, orders, log_path):
    jobs = [(strategy, orders) for strategy in all_strategy]
    with multiprocessing.Pool(len(all_strategy), initializer=set_global_logger, initargs=(log_path,)) as inner_pool:
        return inner_pool.starmap(run_heuristic, jobs)


if __name__ == "__main__":
    log_path = log_path_for("t1")
    make_logger(log_path).info("scheduling")
    results = schedule([0, 1, 2], [3, 4, 5], log_path)
    print("RESULT=%s" % results)

# family: args
# hazard: unpicklable-argument
# line: 33
# files: r6kit/logsink.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: github.com/Delgan/loguru/issues/831 -- a logger configured by save_log() with a local file sink is handed to every Pool worker through initargs; on macOS (spawn) the sink's open file cannot be pickled ("cannot pickle '_io.TextIOWrapper' object").
import multiprocessing
import os
import tempfile

from r6kit.logsink import make_logger

_logger = None


def set_global_logger(logger):
    global _logger
    _logger = logger


def run_heuristic(strategy, orders):
    _logger.info(f"strategy {strategy} on {len(orders)} orders")
    return strategy, sum(orders) * (strategy + 1)


def save_log(save_type="local"):
    path = os.path.join(tempfile.gettempdir(), "heuristic.log")
    return make_logger(path, save_type=save_type)


def schedule(all_strategy, orders, logger):
    jobs = [(strategy, orders) for strategy in all_strategy]
    with multiprocessing.Pool(len(all_strategy), initializer=set_global_logger, initargs=(logger,)) as inner_pool:
        return inner_pool.starmap(run_heuristic, jobs)


if __name__ == "__main__":
    logger = save_log()
    results = schedule([0, 1, 2], [3, 4, 5], logger)
    print("RESULT=%s" % results)

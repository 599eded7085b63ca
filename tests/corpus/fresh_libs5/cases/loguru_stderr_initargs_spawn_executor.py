# family: args
# hazard: mixed-context-sync-object
# line: 25
# expect: fork=semlock_context_mismatch spawn=ok forkserver=ok
# note: https://github.com/Delgan/loguru/issues/1160 -- "BrokenProcessPool encountered when passing logging configuration to spawn subprocess on linux": `ProcessPoolExecutor(initializer=..., initargs=(logger,), mp_context=get_context("spawn"))` after `logger.add(sys.stdout, enqueue=True)`; on Linux the sink's queue was made in the default fork context, which a spawn process cannot use (loguru #746), while on macOS the default is spawn already.
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from loguru import logger


def _processpool_initializer(parent_logger):
    logger._core = parent_logger._core
    logger.info("worker ready")


def upper(value):
    return str(value).upper()


def main():
    logger.remove()
    logger.add(sys.stdout, enqueue=True, format="{level} {message}")
    executor = ProcessPoolExecutor(max_workers=1, initializer=_processpool_initializer,
                                   initargs=(logger,), mp_context=multiprocessing.get_context("spawn"))
    futures = [executor.submit(upper, item) for item in ["a", "b", "c"]]
    results = sorted(future.result(timeout=30) for future in as_completed(futures))
    executor.shutdown()
    logger.remove()
    print("RESULT=%s" % "".join(results))


if __name__ == "__main__":
    main()

# family: args
# hazard: unpicklable-argument
# line: 28
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: https://github.com/Delgan/loguru/issues/1264 -- a logger whose sink was added with enqueue=True passed as a task argument (`pool.apply_async(noop, args=(logger,))`): "RuntimeError: SimpleQueue objects should only be shared between processes through inheritance".
import os
import tempfile
from multiprocessing import Pool

from loguru import logger


def crunch(log, chunk):
    log.info("crunching {}", chunk)
    return sum(chunk)


def configure(path):
    logger.remove()
    logger.add(path, enqueue=True, level="INFO")
    return logger


def main():
    log = configure(os.path.join(tempfile.gettempdir(), "crunch.log"))
    chunks = [[1, 2], [3, 4], [5, 6]]
    with Pool(2) as pool:
        pending = [pool.apply_async(crunch, args=(log, chunk)) for chunk in chunks]
        totals = [job.get(timeout=30) for job in pending]
    logger.remove()
    print("RESULT=%d" % sum(totals))


if __name__ == "__main__":
    main()

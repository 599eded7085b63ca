# family: args
# hazard: unpicklable-argument
# line: 22
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Delgan/loguru/issues/190 -- the loguru logger passed to a child process while its sink is a plain file (no enqueue=True): on Windows the logger must be pickled and the open file sink cannot be ("open("file.log") is not picklable")
import os
import sys
import tempfile
from multiprocessing import Process

from loguru import logger


def my_process(logger_, n):
    logger_.info("child {} working", n)


def main():
    path = os.path.join(tempfile.mkdtemp(), "run.log")
    logger.remove()
    logger.add(path, format="{message}")
    procs = [Process(target=my_process, args=(logger, n)) for n in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    logger.info("done")
    logger.remove()
    with open(path) as fh:
        lines = sorted(line.strip() for line in fh)
    print("RESULT=" + ",".join(lines))
    return 0 if len(lines) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())

# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ajslater/comicbox/pull/113 -- "allow callers to configure subprocess loguru via picklable dict": the executor's initializer gets {level, format, sink} and each worker calls logger.add itself, instead of receiving the configured logger.
import sys
from concurrent.futures import ProcessPoolExecutor

from loguru import logger

LOG_CONFIG = {"level": "WARNING", "format": "{process} {level} {message}", "sink": "stderr"}


def init_logging(config):
    logger.remove()
    sink = sys.stderr if config["sink"] == "stderr" else config["sink"]
    logger.add(sink, level=config["level"], format=config["format"])


def process_file(path):
    logger.debug("processing {}", path)
    return path.upper()


def process_files(paths, worker_log_config):
    with ProcessPoolExecutor(max_workers=2, initializer=init_logging,
                             initargs=(worker_log_config,)) as executor:
        return list(executor.map(process_file, paths))


if __name__ == "__main__":
    done = process_files(["a.cbz", "b.cbz", "c.cbz"], LOG_CONFIG)
    print("RESULT=%s" % ",".join(done))

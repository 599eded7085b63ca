# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/runtimeverification/k/pull/4601 -- kdist workers were started with spawn, and the PR passes the log level (here also the log file) to each worker, which calls logging.basicConfig itself; the worker logs then show up on macOS too
import logging
import multiprocessing
import os
import sys
import tempfile

LOG_FORMAT = "%(processName)s %(message)s"
logger = logging.getLogger("kdist")


def build_target(target_id, log_level, log_path, out_q):
    logging.basicConfig(filename=log_path, level=log_level, format=LOG_FORMAT)
    logger.info("building target %s", target_id)
    out_q.put(target_id)


def build_all(targets, log_level, log_path):
    out_q = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=build_target, args=(t, log_level, log_path, out_q))
        for t in targets
    ]
    for p in procs:
        p.start()
    built = sorted(out_q.get() for _ in procs)
    for p in procs:
        p.join()
    return built


def main():
    log_path = os.path.join(tempfile.mkdtemp(), "kdist.log")
    logging.basicConfig(filename=log_path, level=logging.INFO, format=LOG_FORMAT)
    built = build_all(["llvm", "haskell"], logging.INFO, log_path)
    logging.shutdown()
    with open(log_path) as f:
        target_lines = [line for line in f if "building target" in line]
    print(f"RESULT={','.join(built)},{len(target_lines)}")
    sys.exit(0 if len(target_lines) == 2 else 3)


if __name__ == "__main__":
    main()

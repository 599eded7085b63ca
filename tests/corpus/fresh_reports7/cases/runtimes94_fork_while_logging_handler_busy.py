# family: fork_only
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/vmware-archive/runtimes/issues/94 -- a request-logging thread held the logging lock while the function runtime forked a Process; the logging module's own handler locks are re-created in a forked child (os.register_at_fork in logging since 3.8), so a child logging through the same handler does not block
import logging
import multiprocessing
import os
import sys
import tempfile
import threading
import time

logger = logging.getLogger("runtime")


def request_logger(handler, busy):
    while True:
        handler.acquire()
        try:
            busy.set()
            time.sleep(2.0)  # a slow write to the request log
        finally:
            handler.release()
        time.sleep(0.5)


def handle_function(event_id):
    logger.info("handled event %s", event_id)


def main():
    log_path = os.path.join(tempfile.mkdtemp(), "runtime.log")
    handler = logging.FileHandler(log_path)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    busy = threading.Event()
    threading.Thread(target=request_logger, args=(handler, busy), daemon=True).start()
    busy.wait()
    proc = multiprocessing.Process(target=handle_function, args=("evt-1",))
    proc.start()
    proc.join()
    print(f"RESULT={proc.exitcode}")
    sys.exit(0 if proc.exitcode == 0 else 3)


if __name__ == "__main__":
    main()

# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: an I/O-bound downloader-style loop with `prefer="threads"`; the lambda, the shared threading.Lock and the open log file never leave the process. joblib docs on `prefer="threads"` (https://joblib.readthedocs.io/en/stable/parallel.html#thread-based-parallelism-vs-process-based-parallelism).
"""Simulate fetching pages and appending their sizes to a log, in threads."""
import os
import tempfile
import threading
import time

from joblib import Parallel, delayed

PAGES = {f"https://example.invalid/page/{i}": "x" * (100 * i) for i in range(1, 7)}


def fetch(url):
    time.sleep(0.01)  # pretend to wait on the network
    return PAGES[url]


def main():
    lock = threading.Lock()
    log_path = os.path.join(tempfile.mkdtemp(), "sizes.log")
    with open(log_path, "w") as log:
        def record(url):
            body = fetch(url)
            with lock:
                log.write(f"{url} {len(body)}\n")
            return len(body)

        sizes = Parallel(n_jobs=3, prefer="threads")(delayed(lambda u: record(u))(u) for u in PAGES)
    with open(log_path) as log:
        lines = log.read().splitlines()
    print(f"{len(lines)} pages logged")
    print("RESULT=" + str(sum(sizes)))


if __name__ == "__main__":
    main()

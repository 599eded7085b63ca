# family: crossmodule
# hazard: unpicklable-argument
# line: fvkit/config.py:9 19
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/mailpile/moggie/issues/14 ("cannot pickle '_thread.RLock' object" on macOS: moggie/config/__init__.py stores self.lock = threading.RLock() and the config object is handed to multiprocessing workers in moggie/workers/base.py): the config is built by a loader in one project module and stored on Process subclasses defined in another.
"""Start the application's search and import workers and collect one answer from each."""
import multiprocessing
import sys
import tempfile

from fvkit.config import load_config
from fvkit.workers import ImportWorker, SearchWorker


def start_workers(config):
    results = multiprocessing.Queue()
    workers = [cls(config, results) for cls in (SearchWorker, ImportWorker)]
    for worker in workers:
        worker.start()
    return workers, results


def main():
    config = load_config(tempfile.mkdtemp(prefix="profile-"))
    workers, results = start_workers(config)
    answers = dict(results.get(timeout=10) for _ in workers)
    for worker in workers:
        worker.join(timeout=10)
    print(sorted(answers.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

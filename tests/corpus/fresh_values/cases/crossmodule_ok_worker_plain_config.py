# family: crossmodule
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The maintainer's suggestion in https://github.com/mailpile/moggie/issues/14 (move the RLock out of what crosses the process boundary): the loader is asked for the plain settings object, which holds no lock; same packages and Process subclasses.
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
    config = load_config(tempfile.mkdtemp(prefix="profile-"), plain=True)
    workers, results = start_workers(config)
    answers = dict(results.get(timeout=10) for _ in workers)
    for worker in workers:
        worker.join(timeout=10)
    print(sorted(answers.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

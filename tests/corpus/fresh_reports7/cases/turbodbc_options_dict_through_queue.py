# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/blue-yonder/turbodbc/issues/178 -- the maintainer's suggestion: send the plain dictionary that make_options() takes and build the Options object in each loader process
import multiprocessing
import sys

from r7kit.odbc import make_options


def loader(jobs, done):
    while True:
        job = jobs.get()
        if job is None:
            break
        table, settings = job
        options = make_options(**settings)
        done.put((table, options.connection_string()))


class BulkLoader:
    def __init__(self, dsn, workers=2):
        self.settings = {"dsn": dsn, "autocommit": True, "use_async_io": True}
        self.workers = workers

    def load(self, tables):
        jobs = multiprocessing.Queue()
        done = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=loader, args=(jobs, done)) for _ in range(self.workers)]
        for proc in procs:
            proc.start()
        for table in tables:
            jobs.put((table, self.settings))
        results = [done.get() for _ in tables]
        for _ in procs:
            jobs.put(None)
        for proc in procs:
            proc.join()
        return results


def main():
    results = BulkLoader("warehouse").load(["orders", "customers", "items"])
    print("RESULT=" + ",".join(sorted(t for t, _ in results)))
    sys.exit(0 if len(results) == 3 else 3)


if __name__ == "__main__":
    main()

# family: args
# hazard: unpicklable-argument
# line: 34
# timeout: 8
# expect: fork=pickling_error+hang spawn=pickling_error+hang forkserver=pickling_error+hang
# note: https://github.com/blue-yonder/turbodbc/issues/178 -- the driver's Options object was put on a multiprocessing queue for loader processes; the queue's feeder thread failed with "can't pickle turbodbc_intern.Options objects" and the loaders never got their job
import multiprocessing
import sys

from r7kit.odbc import make_options


def loader(jobs, done):
    while True:
        job = jobs.get()
        if job is None:
            break
        table, options = job
        done.put((table, options.connection_string()))


class BulkLoader:
    def __init__(self, dsn, workers=2):
        self.options = make_options(dsn=dsn, autocommit=True, use_async_io=True)
        self.workers = workers

    def load(self, tables):
        jobs = multiprocessing.Queue()
        done = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=loader, args=(jobs, done)) for _ in range(self.workers)]
        for proc in procs:
            proc.start()
        for table in tables:
            jobs.put((table, self.options))
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

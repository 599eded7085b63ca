# family: callable
# hazard: unpicklable-bound-target
# line: 41 44
# files: r13kit/esclient.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/apache/ponymail-foal/issues/158 -- migrate.py fails on macOS with "TypeError: cannot pickle 'weakref' object" at reduction.dump: its MultiDocProcessor starts worker processes on its own bound method, so each start pickles the processor with the Elasticsearch client (whose transport holds a weakref) wherever spawn is the start method
import argparse
import multiprocessing
import os
import sys
import time

from r13kit.esclient import Elasticsearch


class MultiDocProcessor:
    """MultiProcess document processor"""

    def __init__(self, es, old_index, new_index, process_count):
        self.es = es
        self.old_index = old_index
        self.new_index = new_index
        self.process_count = process_count
        self.queues = []
        self.processes = []
        self.done = multiprocessing.Queue()

    def processor(self, queue, done):
        migrated = 0
        while True:
            doc = queue.get()
            if doc is None:
                break
            self.es.index(self.new_index, doc["id"], {"body": doc["body"].upper()})
            migrated += 1
        done.put(migrated)

    def start(self):
        for _ in range(self.process_count):
            queue = multiprocessing.Queue()
            proc = multiprocessing.Process(target=self.processor, args=(queue, self.done))
            self.queues.append(queue)
            self.processes.append(proc)
            proc.start()

    def feed(self, docs):
        for n, doc in enumerate(docs):
            self.queues[n % self.process_count].put(doc)

    def stop(self):
        for queue in self.queues:
            queue.put(None)
        total = sum(self.done.get(timeout=10) for _ in self.processes)
        for proc in self.processes:
            proc.join()
        return total


def main():
    parser = argparse.ArgumentParser(description="Migrate an old ponymail index.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--old", default="ponymail_old")
    parser.add_argument("--new", default="ponymail-mbox")
    args = parser.parse_args([])
    start_time = time.time()
    es = Elasticsearch()
    processes = MultiDocProcessor(es, args.old, args.new, args.jobs)
    processes.start()
    processes.feed({"id": "m%d" % i, "body": "message %d" % i} for i in range(20))
    total = processes.stop()
    print("Migrated %d documents in %.1f seconds" % (total, time.time() - start_time))
    if total != 20:
        sys.exit(3)


if __name__ == "__main__":
    main()

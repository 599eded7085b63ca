# family: callable
# hazard: unpicklable-callable
# line: 31
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/austinoboyle/scrape-linkedin-selenium/issues/76 ("can't pickle _thread.lock objects" when a scraper object goes to parallel workers); here an Indexer whose open() creates a threading.Lock starts one Process per shard with target=self.index_shard
import multiprocessing
import os
import sys
import tempfile
import threading


class Indexer:
    def __init__(self, root, shards=2):
        self.root = root
        self.shards = shards
        self.procs = []
        self._lock = None

    def open(self):
        os.makedirs(self.root, exist_ok=True)
        self._lock = threading.Lock()

    def index_shard(self, shard):
        words = ["alpha", "beta", "gamma", "delta"][shard::self.shards]
        with open(os.path.join(self.root, "shard%d.idx" % shard), "w") as fh:
            fh.write("\n".join(sorted(words)))

    def start_all(self):
        for shard in range(self.shards):
            proc = multiprocessing.Process(target=self.index_shard, args=(shard,), name="shard-%d" % shard)
            proc.start()
            self.procs.append(proc)

    def wait(self):
        for proc in self.procs:
            proc.join()
        return sorted(n for n in os.listdir(self.root) if n.endswith(".idx"))


def main():
    root = os.path.join(tempfile.gettempdir(), "idx")
    indexer = Indexer(root)
    indexer.open()
    indexer.start_all()
    done = indexer.wait()
    print("RESULT=%d" % len(done))
    if len(done) != 2:
        sys.exit(3)


if __name__ == "__main__":
    main()

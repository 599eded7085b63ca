# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/austinoboyle/scrape-linkedin-selenium/issues/76 (the usual fix for a lock-holding worker object: __getstate__ leaves the lock out and __setstate__ makes a fresh one in the child)
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

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        state["procs"] = []
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def index_shard(self, shard):
        words = ["alpha", "beta", "gamma", "delta"][shard::self.shards]
        with self._lock, open(os.path.join(self.root, "shard%d.idx" % shard), "w") as fh:
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

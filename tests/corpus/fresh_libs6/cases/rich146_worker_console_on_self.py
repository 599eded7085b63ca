# family: callable
# hazard: unpicklable-callable
# line: 27
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Textualize/rich/issues/146 -- a worker class keeps its rich Console on self and starts Process(target=self.run); spawn pickles the instance and the console's RLock ("TypeError: can't pickle _thread.RLock objects")
import os
import sys
import tempfile
from multiprocessing import Process

from rich.console import Console


class ShardWorker:
    def __init__(self, shard, out_dir):
        self.shard = shard
        self.out_dir = out_dir
        self.console = Console(stderr=True, highlight=False)

    def run(self):
        total = sum(range(self.shard * 10, self.shard * 10 + 10))
        with open(os.path.join(self.out_dir, f"shard{self.shard}.txt"), "w") as fh:
            fh.write(str(total))
        self.console.log(f"shard {self.shard} done")

    def start(self):
        proc = Process(target=self.run, name=f"shard-{self.shard}")
        proc.start()
        return proc


def main():
    out_dir = tempfile.mkdtemp()
    procs = [ShardWorker(i, out_dir).start() for i in range(2)]
    for p in procs:
        p.join()
    totals = []
    for i in range(2):
        with open(os.path.join(out_dir, f"shard{i}.txt")) as fh:
            totals.append(fh.read())
    print("RESULT=" + ",".join(totals))


if __name__ == "__main__":
    sys.exit(main())

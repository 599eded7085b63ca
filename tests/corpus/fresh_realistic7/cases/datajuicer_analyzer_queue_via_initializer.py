# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/datajuicer/data-juicer/issues/204 -- the documented way: the progress queue reaches the pool workers by inheritance, through Pool(initializer=..., initargs=(queue,)), and the tasks carry only the samples
import multiprocessing as mp
import sys
from dataclasses import dataclass, field

_progress = None


def _init_worker(progress):
    global _progress
    _progress = progress


def compute_stats(sample):
    text = sample["text"]
    _progress.put(1)
    return {"id": sample["id"], "chars": len(text), "words": len(text.split())}


@dataclass
class Analyzer:
    num_proc: int = 2
    progress: object = field(default_factory=mp.SimpleQueue)
    samples: list = field(default_factory=list)

    def load(self, n):
        self.samples = [{"id": i, "text": "lorem ipsum " * (i + 1)} for i in range(n)]
        return self

    def run(self):
        with mp.Pool(self.num_proc, initializer=_init_worker,
                     initargs=(self.progress,)) as pool:
            stats = pool.map(compute_stats, self.samples)
        done = 0
        while not self.progress.empty():
            done += self.progress.get()
        return stats, done


def main():
    stats, done = Analyzer().load(5).run()
    print("analyzed", len(stats), "samples;", done, "progress ticks;",
          sum(s["words"] for s in stats), "words")
    return 0


if __name__ == "__main__":
    sys.exit(main())

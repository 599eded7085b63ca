# family: args
# hazard: inheritance-only-object
# line: 30
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: https://github.com/datajuicer/data-juicer/issues/204 -- "RuntimeError: SimpleQueue objects should only be shared between processes through inheritance" when running analyze.py; reduced to an Analyzer dataclass whose progress SimpleQueue (a default_factory field) is sent with every starmap task
import multiprocessing as mp
import sys
from dataclasses import dataclass, field


def compute_stats(sample, progress):
    text = sample["text"]
    progress.put(1)
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
        jobs = [(s, self.progress) for s in self.samples]
        with mp.Pool(self.num_proc) as pool:
            stats = pool.starmap(compute_stats, jobs)
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

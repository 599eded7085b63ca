# family: args
# hazard: unpicklable-argument
# line: 44 46 28
# files: s18kit/crawl.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/bhklab/med-imagetools/issues/269 -- "fix: Crawler can't be pickled because of generator": the pipeline kept the crawler's series generator as an attribute of itself, and the pipeline object is what its worker processes receive ("cannot pickle 'generator' object" when the workers are spawned); the fix removed it as a self variable
"""Convert a tree of imaging series to volumes, one worker process per shard."""
import argparse
import multiprocessing as mp
import sys
from dataclasses import dataclass

from s18kit.crawl import Crawler, process_series


@dataclass
class PipelineOptions:
    input_dir: str = "data/raw"
    output_dir: str = "data/nifti"
    n_jobs: int = 2
    modalities: tuple = ("CT", "RTSTRUCT")


class AutoPipeline:
    def __init__(self, options):
        self.options = options
        self.crawler = Crawler(options.input_dir, options.modalities)
        self.series_iter = self.crawler.iter_series()
        self.summary = {}

    def process_shard(self, shard, out_q):
        written = sum(process_series(s) for s in shard)
        out_q.put((len(shard), written))

    def _shards(self):
        shards = [[] for _ in range(self.options.n_jobs)]
        for i, series in enumerate(self.series_iter):
            shards[i % self.options.n_jobs].append(series)
        return shards

    def run(self):
        out_q = mp.Queue()
        shards = self._shards()
        workers = [mp.Process(target=self.process_shard, args=(shard, out_q)) for shard in shards]
        for w in workers:
            w.start()
        parts = [out_q.get(timeout=30) for _ in workers]
        for w in workers:
            w.join()
        self.summary = {"series": sum(n for n, _ in parts), "slices": sum(s for _, s in parts)}
        return self.summary


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir", nargs="?", default="data/raw")
    ap.add_argument("--n-jobs", type=int, default=2)
    args = ap.parse_args(argv)
    summary = AutoPipeline(PipelineOptions(input_dir=args.input_dir, n_jobs=args.n_jobs)).run()
    print("RESULT=%d/%d" % (summary["series"], summary["slices"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

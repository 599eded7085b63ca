# family: threads
# hazard: none
# line: none
# files: fr23kit/indexcache.py
# timeout: 10
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/conda/conda-index/pull/44 -- the PR's fix ("avoid multprocessing fork, even on Linux ... Better to use spawn"): the extraction pool gets mp_context=multiprocessing.get_context("spawn"), so its workers start with a fresh cache lock while the writer thread is still flushing
"""Index a conda channel subdir: flush the stat cache in the background and look packages up in a pool."""
import argparse
import json
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

from fr23kit import indexcache


class ChannelIndex:
    def __init__(self, channel_root, subdir, threads):
        self.channel_root = channel_root
        self.subdir = subdir
        self.threads = threads
        self.cache_path = os.path.join(channel_root, subdir, ".cache.json")

    def packages(self):
        return [f"pkg{i}-1.0-0.tar.bz2" for i in range(6)]

    def extract(self):
        entries = {name: {"size": 1000 + i} for i, name in enumerate(self.packages())}
        indexcache.write_cache(self.cache_path, {})
        writer = indexcache.CacheWriter(self.cache_path, entries, flush_seconds=2.0)
        writer.start()
        writer.flushing.wait()
        return self._stat_all()

    def _stat_all(self):
        names = self.packages()
        with ProcessPoolExecutor(max_workers=self.threads,
                                 mp_context=multiprocessing.get_context("spawn")) as executor:
            stats = list(executor.map(indexcache.stat_cached, [self.cache_path] * len(names), names))
        return dict(stats)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subdir", default="linux-64")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="channel_")
    os.makedirs(os.path.join(root, args.subdir))
    index = ChannelIndex(root, args.subdir, args.threads)
    stats = index.extract()
    repodata = {"info": {"subdir": args.subdir}, "packages": stats}
    print(json.dumps(repodata["info"]))
    print(f"RESULT=indexed={len(stats)}")


if __name__ == "__main__":
    main()

# family: args
# hazard: none
# line: none
# files: r8kit/dataset.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/wyharveychen/CloserLookFewShot/issues/80 -- the workaround: the dataset is built with an explicit module-level target_transform, so no SubDataset keeps the module's `identity` lambda and the loader workers can receive the dataset under spawn
import json
import multiprocessing as mp
import os
import sys
import tempfile

from r8kit.dataset import SetDataset, keep_label


def _load_worker(dataset, episodes, out):
    for i in episodes:
        out.put((i, dataset.episode(i)))


class EpisodicLoader:
    def __init__(self, dataset, num_workers=2):
        self.dataset = dataset
        self.num_workers = num_workers

    def load_all(self):
        out = mp.Queue()
        shards = [list(range(len(self.dataset)))[w::self.num_workers] for w in range(self.num_workers)]
        procs = []
        for shard in shards:
            proc = mp.Process(target=_load_worker, args=(self.dataset, shard, out))
            proc.start()
            procs.append(proc)
        episodes = dict(out.get() for _ in range(len(self.dataset)))
        for proc in procs:
            proc.join()
        return episodes


def write_meta(folder):
    meta = {"image_names": [f"img{i}.jpg" for i in range(12)], "image_labels": [i % 4 for i in range(12)]}
    path = os.path.join(folder, "base.json")
    with open(path, "w") as fh:
        json.dump(meta, fh)
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        dataset = SetDataset(write_meta(folder), batch_size=2, target_transform=keep_label)
        episodes = EpisodicLoader(dataset).load_all()
    print(f"RESULT={len(episodes)},{episodes[1][0][0]}")
    if len(episodes) != 4:
        sys.exit(3)

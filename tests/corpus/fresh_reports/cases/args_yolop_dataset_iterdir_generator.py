# family: args
# hazard: unpicklable-argument
# line: 62
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/hustvl/YOLOP/issues/131 ("solve the TypeError: cannot pickle 'generator' object": AutoDriveDataset.py line 48 `self.mask_list = self.mask_root.iterdir()` keeps a generator, and the data loader's worker processes get the dataset pickled on Windows; the fix is list(...)). The torch DataLoader is reduced to the worker processes it starts, each given the dataset and its share of indices. Observed only up to Python 3.12: on 3.13 Path.iterdir() returns a map over a list of paths, which pickles, and the program runs clean (results_py3.13.0.json).
"""Load a driving dataset with several loader worker processes."""
import multiprocessing
import os
import sys
import tempfile
from pathlib import Path


class AutoDriveDataset:
    def __init__(self, root, mask_root):
        self.img_root = Path(root)
        self.mask_root = Path(mask_root)
        self.mask_list = self.mask_root.iterdir()
        self.db = []

    def _get_db(self):
        for mask in sorted(self.mask_list):
            image = self.img_root / mask.name.replace(".png", ".jpg")
            self.db.append({"image": str(image), "mask": str(mask)})

    def __len__(self):
        return len(self.db)

    def __getitem__(self, index):
        rec = self.db[index]
        return os.path.basename(rec["image"]), os.path.getsize(rec["mask"])


class BddDataset(AutoDriveDataset):
    def __init__(self, root, mask_root):
        super().__init__(root, mask_root)
        self._get_db()


def _loader_worker(dataset, indices, out):
    out.put([dataset[i] for i in indices])


def make_data(folder):
    images, masks = os.path.join(folder, "images"), os.path.join(folder, "masks")
    os.makedirs(images)
    os.makedirs(masks)
    for i in range(4):
        with open(os.path.join(masks, "%04d.png" % i), "wb") as fh:
            fh.write(b"\0" * (i + 1))
    return images, masks


def main():
    images, masks = make_data(tempfile.mkdtemp())
    dataset = BddDataset(images, masks)
    out = multiprocessing.Queue()
    num_workers = 2
    workers = []
    for w in range(num_workers):
        indices = list(range(w, len(dataset), num_workers))
        proc = multiprocessing.Process(target=_loader_worker, args=(dataset, indices, out), daemon=True)
        proc.start()
        workers.append(proc)
    batches = [out.get(timeout=10) for _ in workers]
    for proc in workers:
        proc.join()
    print("RESULT=%d" % sum(len(b) for b in batches))
    return 0


if __name__ == "__main__":
    sys.exit(main())

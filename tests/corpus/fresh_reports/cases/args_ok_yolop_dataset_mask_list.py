# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix given in https://github.com/hustvl/YOLOP/issues/131 (AutoDriveDataset.py: `self.mask_list = list(self.mask_root.iterdir())`): the dataset keeps a list of paths, which the loader worker processes can receive under every start method.
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
        self.mask_list = list(self.mask_root.iterdir())
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

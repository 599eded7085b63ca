# family: guard
# hazard: missing-main-guard
# line: 47 r13kit/loader.py:29
# files: r13kit/loader.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/prafull7/materialistic/issues/2 -- "An attempt has been made to start a new process before the current process has finished its bootstrapping phase" running the inference script on Windows: the script builds its data loader (with worker processes) and runs it at module level, so each spawned worker re-runs the script and starts workers of its own
import argparse
import os
import sys
import tempfile

from r13kit.loader import DataLoader


class MaterialDataset:
    """Images and the pixel the user clicked, one query per image."""

    def __init__(self, root, n):
        self.items = [(os.path.join(root, "img_%02d.png" % i), (i * 7 % 64, i * 11 % 64)) for i in range(n)]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        path, (x, y) = self.items[index]
        return {"image": path, "query": (x, y)}


class MaterialModel:
    def __init__(self, threshold=0.5):
        self.threshold = threshold

    def predict(self, batch):
        return [((s["query"][0] + s["query"][1]) % 10) / 10.0 > self.threshold for s in batch]


parser = argparse.ArgumentParser(description="select all pixels of the clicked material")
parser.add_argument("--data_dir", default=tempfile.gettempdir())
parser.add_argument("--batch_size", type=int, default=4)
parser.add_argument("--num_workers", type=int, default=2)
args = parser.parse_args([])

dataset = MaterialDataset(args.data_dir, 10)
loader = DataLoader(dataset, batch_size=args.batch_size, num_workers=args.num_workers)
model = MaterialModel()
selected = 0
for batch in loader:
    selected += sum(model.predict(batch))
print("selected %d of %d queries" % (selected, len(dataset)))
if selected == 0:
    sys.exit(3)

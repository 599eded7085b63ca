"""lungmask-like inference: a CT volume is cut into slices, batched by a loader with worker processes, segmented
and fused. lungmask uses torch's DataLoader(num_workers=...); torch is not installed here, so SliceLoader stands in
for it with the same process mechanics (worker processes started from the calling process, one batch per task)."""
import multiprocessing as mp

import numpy as np


class SliceDataset:
    def __init__(self, volume):
        self.volume = volume

    def __len__(self):
        return self.volume.shape[0]

    def __getitem__(self, idx):
        return self.volume[idx][None]


def _load_batch(dataset, indices):
    return np.stack([dataset[i] for i in indices])


class SliceLoader:
    """Yields batches of slices; with num_workers > 0 the batches are read by worker processes."""

    def __init__(self, dataset, batch_size=4, num_workers=1):
        self.dataset = dataset
        self.batch_size = batch_size
        self.num_workers = num_workers

    def _batches(self):
        return [list(range(i, min(i + self.batch_size, len(self.dataset))))
                for i in range(0, len(self.dataset), self.batch_size)]

    def __iter__(self):
        if self.num_workers == 0:
            return iter([_load_batch(self.dataset, b) for b in self._batches()])
        with mp.Pool(self.num_workers) as workers:
            batches = workers.starmap(_load_batch, [(self.dataset, b) for b in self._batches()])
        return iter(batches)


def threshold_unet(batch):
    """Stand-in for the R231 U-net: a 3x3 box smoothing and a threshold on air (HU < -400)."""
    padded = np.pad(batch[:, 0], ((0, 0), (1, 1), (1, 1)), mode="edge")
    smooth = sum(padded[:, 1 + dy:padded.shape[1] - 1 + dy, 1 + dx:padded.shape[2] - 1 + dx]
                 for dy in (-1, 0, 1) for dx in (-1, 0, 1)) / 9.0
    return (smooth < -400).astype(np.uint8)


def synthetic_ct(slices=8, size=16, seed=3):
    rng = np.random.default_rng(seed)
    volume = rng.normal(40, 20, (slices, size, size)).astype(np.float32)
    volume[:, 3:8, 3:13] = -800     # left lung
    volume[:, 9:14, 3:13] = -780    # right lung
    return volume


def apply(volume, batch_size=4, num_workers=1):
    loader = SliceLoader(SliceDataset(volume), batch_size=batch_size, num_workers=num_workers)
    return np.concatenate([threshold_unet(batch) for batch in loader])


def apply_fused(volume, batch_size=4, num_workers=1):
    """Both models' masks fused, as lungmask's apply_fused(); each apply() runs its own loader."""
    first = apply(volume, batch_size=batch_size, num_workers=num_workers)
    second = apply(volume, batch_size=batch_size, num_workers=num_workers)
    return np.maximum(first, second)

# family: guard
# hazard: none
# line: none
# files: l28kit/__init__.py l28kit/augment.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: https://github.com/MIC-DKFZ/batchgenerators/pull/20 -- near miss: the PR's change to the examples: the same loader and MultiThreadedAugmenter, built and iterated in main() under `if __name__ == "__main__": freeze_support()`, so spawned or forkserver workers re-import the script without starting workers of their own
"""Example: 2D patch augmentation in background processes with a MultiThreadedAugmenter (batchgenerators style)."""
from multiprocessing import freeze_support

import numpy as np

from l28kit.augment import MirrorTransform, MultiThreadedAugmenter, SlimDataLoaderBase


class PatchLoader(SlimDataLoaderBase):
    def __init__(self, data, batch_size, patch_size, number_of_threads_in_multithreaded=None):
        super().__init__(data, batch_size, number_of_threads_in_multithreaded)
        self.patch_size = patch_size

    def generate_train_batch(self):
        idx = np.random.choice(len(self._data), self.batch_size)
        ph, pw = self.patch_size
        h, w = self._data.shape[2:]
        y = np.random.randint(0, h - ph + 1)
        x = np.random.randint(0, w - pw + 1)
        patches = self._data[idx, :, y:y + ph, x:x + pw]
        return {"data": patches.astype(np.float32), "keys": idx.tolist()}


NUM_PROCESSES = 2
BATCHES = 6


def main():
    images = np.random.default_rng(0).random((10, 1, 32, 32)).astype(np.float32)
    loader = PatchLoader(images, batch_size=4, patch_size=(16, 16), number_of_threads_in_multithreaded=NUM_PROCESSES)
    augmenter = MultiThreadedAugmenter(loader, MirrorTransform(axes=(0, 1)), num_processes=NUM_PROCESSES)
    shapes = []
    for _ in range(BATCHES):
        batch = next(augmenter)
        shapes.append(batch["data"].shape)
    augmenter._finish()
    print("batch shapes:", sorted(set(shapes)))
    print(f"RESULT={len(shapes)}")


if __name__ == "__main__":
    freeze_support()
    main()

# family: guard
# hazard: library-workers-started-from-unguarded-script
# line: 38 34
# files: l28kit/__init__.py l28kit/augment.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: https://github.com/MIC-DKFZ/batchgenerators/pull/20 -- "Windows support": batchgenerators' examples were flat scripts; the MultiThreadedAugmenter starts its background worker processes on the first next(), and under spawn (Windows) or forkserver each worker re-imports the unguarded script, reaches next() again and fails with the bootstrapping RuntimeError, after which the parent finds its workers dead; the PR moved the examples under a main guard with freeze_support()
"""Example: 2D patch augmentation in background processes with a MultiThreadedAugmenter (batchgenerators style)."""
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

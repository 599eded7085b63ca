# family: guard
# hazard: none
# line: none
# files: r27kit/recipes.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/lhotse-speech/lhotse/issues/126 -- the resolution: the same spawn-context ProcessPoolExecutor works once the preparation script keeps its work in main() under `if __name__ == "__main__":`, so a spawned worker importing the script as __mp_main__ only defines functions
"""Data preparation for the LibriSpeech recipe: manifests, then fbank features for every cut."""
import json
import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

from r27kit import recipes


def store_manifests(manifests, output_dir):
    """Write one JSON manifest per partition, as lhotse's recipes do, and return the paths."""
    paths = {}
    for partition, cuts in manifests.items():
        path = os.path.join(output_dir, f"cuts_{partition}.json")
        with open(path, "w") as fh:
            json.dump([{"id": c.cut_id, "duration": c.duration} for c in cuts], fh)
        paths[partition] = path
    return paths


def main():
    num_jobs = min(2, os.cpu_count() or 1)
    output_dir = tempfile.mkdtemp(prefix="exp_data_")
    print("LibriSpeech manifest preparation")
    librispeech_manifests = recipes.prepare_librispeech(parts=("dev-clean", "test-clean"))
    store_manifests(librispeech_manifests, output_dir)

    print("Feature extraction")
    num_frames = {}
    with ProcessPoolExecutor(num_jobs, mp_context=multiprocessing.get_context("spawn")) as ex:
        for partition, cuts in librispeech_manifests.items():
            cut_set = recipes.compute_and_store_features(cuts, executor=ex)
            num_frames[partition] = sum(cut_set.values())

    print(f"RESULT=partitions={len(num_frames)} features={sum(num_frames.values())}")
    return 0 if len(num_frames) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())

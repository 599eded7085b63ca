# family: guard
# hazard: unguarded-start
# line: 38 40 r27kit/recipes.py:23
# files: r27kit/recipes.py
# timeout: 15
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/lhotse-speech/lhotse/issues/126 -- "use mp_context=multiprocessing.get_context("spawn") in ProcessPoolExecutor will crash": snowfall's egs/librispeech/asr/simple_v1/prepare.py (k2-fsa/snowfall PR #5) computed features at module level with a spawn-context ProcessPoolExecutor; every spawned worker re-runs prepare.py (the traceback ends in "prepare.py, line 47, in <module> cut_set") and fails to bootstrap, whatever the platform's default start method
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


num_jobs = min(2, os.cpu_count() or 1)
output_dir = tempfile.mkdtemp(prefix="exp_data_")
print("LibriSpeech manifest preparation")
librispeech_manifests = recipes.prepare_librispeech(parts=("dev-clean", "test-clean"))
manifest_paths = store_manifests(librispeech_manifests, output_dir)

print("Feature extraction")
num_frames = {}
with ProcessPoolExecutor(num_jobs, mp_context=multiprocessing.get_context("spawn")) as ex:
    for partition, cuts in librispeech_manifests.items():
        cut_set = recipes.compute_and_store_features(cuts, executor=ex)
        num_frames[partition] = sum(cut_set.values())

print(f"RESULT=partitions={len(num_frames)} features={sum(num_frames.values())}")
sys.exit(0 if len(num_frames) == 2 else 3)

# family: daemon
# hazard: library-starts-processes-inside-pool-worker
# line: 49 l26kit/automl.py:37
# files: l26kit/__init__.py l26kit/automl.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/automl/auto-sklearn/issues/130 -- "AssertionError: daemonic processes are not allowed to have children": the reporter runs several AutoSklearnClassifier seeds through multiprocessing.Pool (spawn_classifier(seed) mapped over seeds), which worked with older releases; the classifier now fits every configuration in a time-limited child process (pynisher), and a Pool worker is daemonic, so the first fit fails
"""Run several seeds of the classifier search side by side and report the best score."""
import argparse
import json
import os
import shutil
import tempfile
from multiprocessing import Pool

import numpy as np

from l26kit.automl import AutoClassifier

def load_digits_like(n=240, features=16, classes=4, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    X = rng.normal(size=(n, features)) + y[:, None] * 0.8
    return X, y


def spawn_classifier(seed, tmp_folder):
    X, y = load_digits_like()
    classifier = AutoClassifier(seed=seed, tmp_folder=tmp_folder, per_run_time_limit=10.0)
    classifier.fit(X, y)
    return seed, classifier.best_


def collect(tmp_folder):
    scores = {}
    for name in sorted(os.listdir(tmp_folder)):
        with open(os.path.join(tmp_folder, name)) as fh:
            record = json.load(fh)
        scores[record["seed"]] = record["best"]
    return scores


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=2)
    args = parser.parse_args()
    tmp_folder = tempfile.mkdtemp(prefix="atsklrn_tmp_")
    try:
        with Pool(args.seeds) as pool:
            pool.starmap(spawn_classifier, [(seed, tmp_folder) for seed in range(1, args.seeds + 1)])
        scores = collect(tmp_folder)
    finally:
        shutil.rmtree(tmp_folder, ignore_errors=True)
    print(f"RESULT={len(scores)}")


if __name__ == "__main__":
    main()

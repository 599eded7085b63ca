# family: daemon
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/automl.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/automl/auto-sklearn/issues/130 -- near miss: the project's example/example_parallel.py pattern the reporter started from: one multiprocessing.Process per seed (spawn_classifier as its target), which is not daemonic, so each classifier may start its time-limited fit processes; scores are read back from the shared temporary folder
"""Run several seeds of the classifier search side by side and report the best score."""
import argparse
import json
import os
import shutil
import tempfile
from multiprocessing import Process

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
        processes = []
        for seed in range(1, args.seeds + 1):
            process = Process(target=spawn_classifier, args=(seed, tmp_folder))
            process.start()
            processes.append(process)
        for process in processes:
            process.join()
        scores = collect(tmp_folder)
    finally:
        shutil.rmtree(tmp_folder, ignore_errors=True)
    print(f"RESULT={len(scores)}")


if __name__ == "__main__":
    main()

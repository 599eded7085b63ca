"""An auto-sklearn-like classifier search: every candidate configuration is fitted in its own child
process under a time limit (what auto-sklearn does through pynisher), and the best score of a seed is
written to the shared temporary folder for the ensemble step."""
import json
import multiprocessing
import os

import numpy as np


def _fit_nearest_centroid(X, y, shrink):
    classes = np.unique(y)
    centroids = np.stack([X[y == c].mean(axis=0) for c in classes])
    centroids = centroids * (1.0 - shrink) + X.mean(axis=0) * shrink
    predicted = classes[np.argmin(((X[:, None, :] - centroids[None]) ** 2).sum(axis=2), axis=1)]
    return float((predicted == y).mean())


def _limited_call(conn, func, args):
    try:
        conn.send(("ok", func(*args)))
    except Exception as exc:  # reported to the parent like pynisher does
        conn.send(("error", repr(exc)))
    finally:
        conn.close()


class TimeLimitedCall:
    """pynisher.enforce_limits in miniature: run func in a child process, give up after wall_time_s."""

    def __init__(self, wall_time_s):
        self.wall_time_s = wall_time_s

    def __call__(self, func, *args):
        parent_end, child_end = multiprocessing.Pipe(duplex=False)
        child = multiprocessing.Process(target=_limited_call, args=(child_end, func, args))
        child.start()
        child_end.close()
        if parent_end.poll(self.wall_time_s):
            status, value = parent_end.recv()
        else:
            status, value = "timeout", None
        child.join(1)
        if child.is_alive():
            child.terminate()
        return value if status == "ok" else None


class AutoClassifier:
    def __init__(self, seed, tmp_folder, per_run_time_limit=10.0, n_configs=3):
        self.seed = seed
        self.tmp_folder = tmp_folder
        self.limit = TimeLimitedCall(per_run_time_limit)
        self.n_configs = n_configs
        self.best_ = None

    def fit(self, X, y):
        rng = np.random.default_rng(self.seed)
        scores = []
        for shrink in rng.uniform(0.0, 0.5, size=self.n_configs):
            score = self.limit(_fit_nearest_centroid, X, y, float(shrink))
            if score is not None:
                scores.append(score)
        self.best_ = max(scores)
        with open(os.path.join(self.tmp_folder, f"seed_{self.seed}.json"), "w") as fh:
            json.dump({"seed": self.seed, "best": self.best_}, fh)
        return self

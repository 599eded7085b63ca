# family: globals
# hazard: none
# line: none
# files: fr23kit/openfe.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/IIIS-Li-Group/OpenFE/issues/1 -- the direction the maintainers announced ("We will try to find another way for multiprocessing so that it supports both Linux and Windows"): the table reaches every worker through the ProcessPoolExecutor initializer, which sets the module global in each worker, so spawned workers have it
"""Score candidate product features on a housing table (OpenFE-style feature generation)."""
import argparse
import random

from fr23kit.openfe import OpenFE


def load_housing(n_rows, seed):
    rng = random.Random(seed)
    rows = []
    for _ in range(n_rows):
        rows.append({
            "MedInc": round(rng.uniform(1.0, 10.0), 3),
            "HouseAge": rng.randint(1, 52),
            "AveRooms": round(rng.uniform(2.0, 9.0), 3),
            "Latitude": round(rng.uniform(32.5, 42.0), 3),
        })
    return rows


def split(n_rows, val_fraction=0.25):
    cut = int(n_rows * (1 - val_fraction))
    return list(range(cut)), list(range(cut, n_rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=80)
    parser.add_argument("--n-jobs", type=int, default=2)
    args = parser.parse_args()
    data = load_housing(args.rows, seed=3)
    train_idx, val_idx = split(len(data))
    candidates = ["MedInc*HouseAge", "MedInc*AveRooms", "AveRooms*Latitude"]
    ofe = OpenFE(n_jobs=args.n_jobs).fit(data, candidates, train_idx, val_idx)
    best = max(ofe.scores, key=ofe.scores.get)
    print(f"RESULT=scored={len(ofe.scores)} best={best}")


if __name__ == "__main__":
    main()

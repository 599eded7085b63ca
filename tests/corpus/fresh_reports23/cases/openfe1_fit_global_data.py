# family: globals
# hazard: global-set-in-parent
# line: fr23kit/openfe_legacy.py:21 fr23kit/openfe_legacy.py:23 40
# files: fr23kit/openfe_legacy.py
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: https://github.com/IIIS-Li-Group/OpenFE/issues/1 -- "global variable failed in multiprocess task ... data_temp = _data.loc[train_idx + val_idx] NameError: name '_data' is not defined"; maintainer: "This way of multi-processing can only run on Linux": fit() assigns the module global _data in the parent and the candidate scoring submitted to a ProcessPoolExecutor reads it; spawned workers re-import the module, where _data was never assigned
"""Score candidate product features on a housing table (OpenFE-style feature generation)."""
import argparse
import random

from fr23kit.openfe_legacy import OpenFE


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

# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Libensemble/libensemble/pull/828 (the calling script with its code inside the main guard)
import argparse
import math
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor


def sim_f(x):
    return round(math.sin(x) ** 2 + math.cos(x) ** 2, 6)


def gen_f(n):
    return [i * 0.5 for i in range(n)]


def alloc_f(points, workers):
    """Split the generated points into one batch per worker."""
    return [points[i::workers] for i in range(workers)]


def run_ensemble(sims, workers):
    batches = alloc_f(gen_f(sims), workers)
    points = [x for batch in batches for x in batch]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(sim_f, points))


def save_history(results, path):
    with open(path, "w") as fh:
        for i, value in enumerate(results):
            fh.write("%d %.6f\n" % (i, value))


def main():
    ap = argparse.ArgumentParser(description="run a small ensemble")
    ap.add_argument("--sims", type=int, default=4)
    ap.add_argument("--nworkers", type=int, default=2)
    args, _ = ap.parse_known_args()
    results = run_ensemble(args.sims, args.nworkers)
    save_history(results, os.path.join(tempfile.gettempdir(), "H.txt"))
    print("RESULT=%s" % results)
    if results != [1.0] * args.sims:
        sys.exit(3)


if __name__ == "__main__":
    main()

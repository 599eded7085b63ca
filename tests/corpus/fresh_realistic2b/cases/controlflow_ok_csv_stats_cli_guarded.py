# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/Almenon/AREPL-backend/issues/152-style unguarded scripts: the same CSV statistics script, with `run()` called under `if __name__ == "__main__":`; spawn/forkserver children import it as __mp_main__, skip the call and only find column_stats.
"""Column statistics for a CSV file, one column per worker."""
import argparse
import csv
import io
import statistics
from multiprocessing import Pool

SAMPLE = "height,weight,age\n170,65,30\n182,80,41\n165,58,25\n177,72,36\n"


def column_stats(item):
    name, values = item
    nums = [float(v) for v in values]
    return name, round(statistics.mean(nums), 2), round(statistics.pstdev(nums), 2)


def load_columns(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    return {name: [r[name] for r in rows] for name in rows[0]}


def run():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args, _ = parser.parse_known_args()
    columns = load_columns(SAMPLE)
    with Pool(args.workers) as pool:
        stats = pool.map(column_stats, sorted(columns.items()))
    for name, mean, dev in stats:
        print(f"{name:8} mean={mean} sd={dev}")
    print(f"RESULT={len(stats)}")


if __name__ == "__main__":
    run()

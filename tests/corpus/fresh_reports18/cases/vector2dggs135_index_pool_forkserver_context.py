# family: threads
# hazard: none
# line: none
# files: r22kit/dggs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/manaakiwhenua/vector2dggs/pull/135 -- "Never fork the indexing pool": the pool now uses an explicit forkserver context (spawn where unavailable), scoped to the pool rather than set process-wide, so workers start from a fresh interpreter whose library lock is free
"""Index vector features to DGGS cells in a process pool (a vector2dggs-like CLI)."""
import argparse
import concurrent.futures
import sys
import time

from r22kit import dggs


def index_all(features, resolution: int, workers: int, monitor: dggs.ProgressMonitor):
    cells = {}
    ctx = dggs.pool_context()
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [pool.submit(dggs.index_feature, feature, resolution) for feature in features]
        for future in concurrent.futures.as_completed(futures):
            feature_id, feature_cells = future.result()
            cells[feature_id] = feature_cells
    monitor.stop()
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description="vector2dggs h3 (reduced)")
    parser.add_argument("-r", "--resolution", type=int, default=7)
    parser.add_argument("-p", "--parallelism", type=int, default=2)
    parser.add_argument("-n", "--features", type=int, default=6)
    args = parser.parse_args()

    features = dggs.sample_features(args.features)
    monitor = dggs.ProgressMonitor()
    monitor.start()
    time.sleep(0.05)  # the progress bar is drawn before the pool starts
    cells = index_all(features, args.resolution, args.parallelism, monitor)
    total = sum(len(c) for c in cells.values())
    print(f"RESULT={len(cells)}:{total}")
    return 0 if len(cells) == args.features else 3


if __name__ == "__main__":
    sys.exit(main())

# family: threads
# hazard: fork-while-thread-holds-library-lock
# line: 19 20
# files: r22kit/dggs.py
# timeout: 12
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/manaakiwhenua/vector2dggs/issues/133 -- "Indexing pool forks a multi-threaded parent (deadlock risk; deprecated on Python >=3.12)": the DGGS-indexing ProcessPoolExecutor used Linux's default fork while dask, tqdm and GDAL threads ran in the parent; a lock held by another thread at fork time stays locked forever in the child (here the progress monitor holds the library lock that every geometry read takes), and 3.12 warned once per fork
"""Index vector features to DGGS cells in a process pool (a vector2dggs-like CLI)."""
import argparse
import concurrent.futures
import sys
import time

from r22kit import dggs


def index_all(features, resolution: int, workers: int, monitor: dggs.ProgressMonitor):
    cells = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
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

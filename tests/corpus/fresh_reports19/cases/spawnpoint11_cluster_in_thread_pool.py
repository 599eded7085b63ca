# family: globals
# hazard: none
# line: none
# files: r23kit/geo.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Kneckter/SpawnpointClusterTool/issues/11 -- the reporter's change: "pool = multiprocessing.pool.ThreadPool(processes=8) -- Switching to the threadpool is a quick hack" ("a thread has everything shared"): the neighbour counts run in threads of the same process, which see the globals main() filled
"""Cluster spawn points into as few circles as possible (a SpawnpointClusterTool-like CLI)."""
import argparse
from multiprocessing.pool import ThreadPool
import sys

from r23kit.geo import distance_m, greedy_cover, load_spawnpoints

spawnpoints = []
radius = 70.0
min_points = 1


def neighbours(sp):
    """Spawn points within the radius of sp (run in the pool)."""
    found = frozenset(other.sid for other in spawnpoints if distance_m(sp, other) <= radius)
    return sp.sid, found


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("-r", "--radius", type=float, default=70.0)
    parser.add_argument("-m", "--min", dest="min_points", type=int, default=1)
    parser.add_argument("-n", "--points", type=int, default=40)
    return parser.parse_args(argv)


def build_clusters(points, processes=2):
    pool = ThreadPool(processes=processes)
    try:
        pairs = pool.map(neighbours, points)
    finally:
        pool.close()
        pool.join()
    return {sid: set(found) for sid, found in pairs if len(found) >= min_points}


def main(argv=None):
    global spawnpoints, radius, min_points
    args = parse_args(argv)
    radius = args.radius
    min_points = args.min_points
    spawnpoints = load_spawnpoints(args.points)
    clusters = build_clusters(spawnpoints)
    chosen = greedy_cover(clusters)
    covered = len(set().union(*(clusters[c] for c in chosen))) if chosen else 0
    print(f"{len(chosen)} circles cover {covered} of {len(spawnpoints)} spawn points")
    print(f"RESULT={len(chosen)}:{covered}")
    return 0 if covered == len(spawnpoints) else 3


if __name__ == "__main__":
    sys.exit(main())

# family: globals
# hazard: parent-state-not-inherited
# line: 31 32 35
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: Shape of https://github.com/medema-group/BiG-SCAPE/pull/15 ("This script uses many global variables which will not be available if multiprocessing start method is not 'fork' ... the error is global variable is not defined"): the main block parses the options into module globals (mode, bgc_info) that the pool's distance function reads.
"""Compute pairwise distances between gene clusters in a pool."""
import argparse
import itertools
import multiprocessing
import sys


def cluster_distance(pair):
    a, b = pair
    dom_a, dom_b = set(bgc_info[a]), set(bgc_info[b])
    jaccard = len(dom_a & dom_b) / len(dom_a | dom_b)
    if mode == "global":
        return a, b, round(1 - jaccard, 3)
    return a, b, round(1 - jaccard * 0.5, 3)


def parse_options(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="global")
    parser.add_argument("--cores", type=int, default=2)
    return parser.parse_args(argv)


if __name__ == "__main__":
    options = parse_options(sys.argv[1:])
    mode = options.mode
    bgc_info = {"BGC1": ["PKS", "NRPS", "TE"], "BGC2": ["PKS", "TE"], "BGC3": ["NRPS", "A"]}
    pairs = list(itertools.combinations(sorted(bgc_info), 2))
    pool = multiprocessing.Pool(options.cores, maxtasksperchild=100)
    distances = pool.map(cluster_distance, pairs)
    pool.close()
    pool.join()
    print("RESULT=%s" % distances)
    sys.exit(0)

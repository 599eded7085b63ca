# family: globals
# hazard: parent-state-not-inherited
# line: 43 35 15
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/medema-group/BiG-SCAPE/pull/15 (the script's globals are not defined in children unless the start method is fork); here a class-level plugin registry is filled by load_plugins() from main() and pool workers look the scorers up in it
import multiprocessing
import sys


class Registry:
    scorers = {}

    @classmethod
    def register(cls, name, func):
        cls.scorers[name] = func

    @classmethod
    def score(cls, name, cluster):
        scorer = cls.scorers.get(name)
        return scorer(cluster) if scorer else None


def jaccard(cluster):
    a, b = set(cluster[0]), set(cluster[1])
    return round(len(a & b) / len(a | b), 2)


def domain_count(cluster):
    return len(cluster[0]) + len(cluster[1])


def load_plugins(names):
    available = {"jaccard": jaccard, "domains": domain_count}
    for name in names:
        Registry.register(name, available[name])


def score_pair(cluster):
    return Registry.score("jaccard", cluster)


def main():
    load_plugins(["jaccard", "domains"])
    pairs = [(["PF1", "PF2"], ["PF2", "PF3"]), (["PF1"], ["PF1"])]
    with multiprocessing.Pool(2) as pool:
        scores = pool.map(score_pair, pairs)
    print("RESULT=%s" % scores)
    if scores != [0.33, 1.0]:
        sys.exit(3)


if __name__ == "__main__":
    main()

# family: daemon
# hazard: none
# line: none
# files: motionkit/__init__.py motionkit/component.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: A working variant for https://github.com/dm4ml/motion/issues/204 ("daemonic processes are not allowed to have children"): the fit operation that runs in the library's daemonic executor parallelises its featurisation with a thread pool (multiprocessing.pool.ThreadPool starts no processes), which a daemonic process may use.
"""Fit a recommendation component whose fit operation parallelises featurisation."""
from multiprocessing.pool import ThreadPool

from motionkit import Component


def featurize(item):
    return len(item)


Recommender = Component("Recommender", {"model": 0})


@Recommender.fit("query")
def fit_query(state, batch):
    with ThreadPool(2) as pool:
        feats = pool.map(featurize, batch)
    return ("ok", {"model": state["model"] + sum(feats)})


if __name__ == "__main__":
    status, value = Recommender.run("query", ["shoes", "hats", "socks"])
    print("RESULT=%s %s" % (status, value))

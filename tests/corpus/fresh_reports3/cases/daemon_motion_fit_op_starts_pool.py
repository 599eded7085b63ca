# family: daemon
# hazard: pool-in-daemon
# line: 24
# files: motionkit/__init__.py motionkit/component.py
# timeout: 20
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/dm4ml/motion/issues/204 ("AssertionError: daemonic processes are not allowed to have children"): a component's fit operation is run by the library in a daemonic executor process, and the user's fit operation starts its own pool to featurise the batch. Reduced: motionkit stands for the library (Component, fit decorator, daemonic executor); the error comes back as an exception text that the script re-raises.
"""Fit a recommendation component whose fit operation parallelises featurisation."""
import multiprocessing

from motionkit import Component


def featurize(item):
    return len(item)


Recommender = Component("Recommender", {"model": 0})


@Recommender.fit("query")
def fit_query(state, batch):
    try:
        with multiprocessing.Pool(2) as pool:
            feats = pool.map(featurize, batch)
    except AssertionError as exc:
        return ("error", str(exc))
    return ("ok", {"model": state["model"] + sum(feats)})


if __name__ == "__main__":
    status, value = Recommender.run("query", ["shoes", "hats", "socks"])
    if status == "error":
        raise AssertionError(value)
    print("RESULT=%s" % value)

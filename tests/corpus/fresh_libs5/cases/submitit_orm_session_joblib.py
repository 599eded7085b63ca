# family: args
# hazard: unpicklable-argument
# line: 25
# files: l5kit/stores.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/facebookincubator/submitit/issues/28 -- "Cloudpickle Cannot Pickle Weakref Objects with SQLAlchemy": jobs that take the ORM session are serialised with cloudpickle and fail on the Session's weak references.
import os
import tempfile

from joblib import Parallel, delayed

from l5kit.stores import Prediction, make_session

QUALITIES = [10, 50, 90]


def evaluate(session, model, quality):
    score = quality / 100.0
    session.add(Prediction(player="%s-%d" % (model, quality), points=score))
    return score


def run_grid(url, model):
    session = make_session(url)
    scores = Parallel(n_jobs=2)(delayed(evaluate)(session, model, q) for q in QUALITIES)
    session.commit()
    return scores


if __name__ == "__main__":
    url = "sqlite:///" + os.path.join(tempfile.gettempdir(), "results.db")
    print("RESULT=%d" % len(run_grid(url, "resnet")))

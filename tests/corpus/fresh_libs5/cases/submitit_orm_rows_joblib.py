# family: args
# hazard: none
# line: none
# files: l5kit/stores.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/facebookincubator/submitit/issues/28 -- what does travel: mapped instances loaded in the parent (their InstanceState pickles) go to the jobs; the session stays in the parent and stores the results.
import os
import tempfile

from joblib import Parallel, delayed

from l5kit.stores import Prediction, make_session


def rescore(prediction):
    return prediction.player, round(prediction.points * 1.5, 2)


def run_grid(url):
    session = make_session(url)
    session.add_all([Prediction(player="p%d" % n, points=float(n)) for n in range(3)])
    session.commit()
    rows = session.query(Prediction).all()
    rescored = Parallel(n_jobs=2)(delayed(rescore)(row) for row in rows)
    session.close()
    return rescored


if __name__ == "__main__":
    url = "sqlite:///" + os.path.join(tempfile.gettempdir(), "rows.db")
    print("RESULT=%d" % len(run_grid(url)))

# family: args
# hazard: unpicklable-argument
# line: 25
# files: l5kit/stores.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/alan-turing-institute/AIrsenal/issues/165 -- "Can't pickle class sqlalchemy.orm.session.Session on Windows": run_airsenal_predictions started one Process per thread with the SQLAlchemy session among its args; fine with fork, broken with spawn.
import os
import tempfile
from multiprocessing import Process, Queue

from l5kit.stores import make_session


def calc_predicted_points(queue, gameweeks, session):
    for gameweek in gameweeks:
        queue.put((gameweek, gameweek * 2.5))
    queue.put(None)


def calc_all_predicted_points(gameweeks, session, num_thread=2):
    queue = Queue()
    chunks = [gameweeks[i::num_thread] for i in range(num_thread)]
    procs = []
    for chunk in chunks:
        processor = Process(target=calc_predicted_points, args=(queue, chunk, session))
        processor.start()
        procs.append(processor)
    done, total = 0, 0.0
    while done < len(procs):
        item = queue.get(timeout=30)
        if item is None:
            done += 1
        else:
            total += item[1]
    for processor in procs:
        processor.join()
    return total


if __name__ == "__main__":
    session = make_session("sqlite:///" + os.path.join(tempfile.gettempdir(), "airsenal.db"))
    print("RESULT=%.1f" % calc_all_predicted_points([1, 2, 3, 4], session))

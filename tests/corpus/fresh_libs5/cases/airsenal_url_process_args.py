# family: args
# hazard: none
# line: none
# files: l5kit/stores.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/alan-turing-institute/AIrsenal/issues/165 -- the fix: each prediction process opens its own session from the database URL instead of receiving the parent's Session.
import os
import tempfile
from multiprocessing import Process, Queue

from l5kit.stores import make_session


def calc_predicted_points(queue, gameweeks, db_url):
    session = make_session(db_url)
    for gameweek in gameweeks:
        queue.put((gameweek, gameweek * 2.5))
    session.close()
    queue.put(None)


def calc_all_predicted_points(gameweeks, db_url, num_thread=2):
    queue = Queue()
    chunks = [gameweeks[i::num_thread] for i in range(num_thread)]
    procs = []
    for chunk in chunks:
        processor = Process(target=calc_predicted_points, args=(queue, chunk, db_url))
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
    db_url = "sqlite:///" + os.path.join(tempfile.gettempdir(), "airsenal.db")
    make_session(db_url).close()
    print("RESULT=%.1f" % calc_all_predicted_points([1, 2, 3, 4], db_url))

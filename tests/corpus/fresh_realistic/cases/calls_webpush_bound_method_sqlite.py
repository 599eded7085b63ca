# family: calls
# hazard: unpicklable-argument
# line: 35
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/sergioburdisso/solidwebpush/issues/3 ("can't pickle sqlite3.Connection objects": notify() hands `self` to a pool, and the pusher keeps its subscription database open on the instance). Here a Pusher keeps `self._db = sqlite3.connect(...)` and sends `self._deliver` (a bound method, so the whole pusher) to Pool.apply_async; pool tasks are pickled under every start method.
"""Send a notification to every stored subscription, a few at a time."""
import json
import multiprocessing
import sqlite3
import sys


class Pusher:
    def __init__(self, db_path=":memory:", processes=2):
        self._db = sqlite3.connect(db_path)
        self._db.execute("CREATE TABLE IF NOT EXISTS subs (id TEXT, endpoint TEXT)")
        self.processes = processes

    def subscribe(self, sub_id, endpoint):
        self._db.execute("INSERT INTO subs VALUES (?, ?)", (sub_id, endpoint))
        self._db.commit()

    def subscriptions(self):
        return [{"id": i, "endpoint": e} for i, e in self._db.execute("SELECT id, endpoint FROM subs")]

    def _deliver(self, sub, payload):
        body = json.dumps({"to": sub["endpoint"], "data": payload})
        return sub["id"], len(body)

    def notify_all(self, payload):
        results = []
        with multiprocessing.Pool(processes=self.processes) as pool:
            pending = []
            for sub in self.subscriptions():
                pending.append(pool.apply_async(self._deliver, (sub, payload)))
            for res in pending:
                results.append(res.get(timeout=10))
        return sorted(results)


def main():
    pusher = Pusher()
    pusher.subscribe("alice", "https://push.example.invalid/a")
    pusher.subscribe("bob", "https://push.example.invalid/b")
    sent = pusher.notify_all({"title": "Testing", "body": "Testing notification"})
    print("RESULT=%s" % sent)
    return 0


if __name__ == "__main__":
    sys.exit(main())

# family: callable
# hazard: unpicklable-callable
# line: 29
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/the4thdoctor/pg_chameleon/issues/189 -- with forkserver as the Linux default (3.14), starting the replay daemon, a Process whose target is a method of the replica object, failed with "cannot pickle 'weakref.ReferenceType' object"
import multiprocessing
import os
import sys
import tempfile
import weakref


class SourceConnection:
    def __init__(self, dsn):
        self.dsn = dsn


class ReplicaEngine:
    def __init__(self, config, connection):
        self.config = config
        self.source = weakref.ref(connection)  # do not keep the connection alive
        self.replay_daemon = None

    def run_replay(self, status_path):
        with open(status_path, "w") as f:
            f.write(f"replaying {self.config['schema']}\n")

    def start_replica(self, status_path):
        self.replay_daemon = multiprocessing.Process(
            target=self.run_replay, args=(status_path,), name="replay_daemon"
        )
        self.replay_daemon.start()
        self.replay_daemon.join()


def main():
    status_path = os.path.join(tempfile.mkdtemp(), "replay.status")
    conn = SourceConnection("mysql://src/sakila")
    replica = ReplicaEngine({"schema": "sakila", "batch": 1000}, conn)
    getattr(replica, "start_replica")(status_path)
    ok = os.path.exists(status_path)
    print(f"RESULT={ok}")
    sys.exit(0 if ok else 3)


if __name__ == "__main__":
    main()

# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/the4thdoctor/pg_chameleon/issues/189 -- the working shape: the replay daemon's target is a module-level function that receives the plain config dict and the DSN and builds its own engine in the child
import multiprocessing
import os
import sys
import tempfile
import weakref


class SourceConnection:
    def __init__(self, dsn):
        self.dsn = dsn


def run_replay(config, dsn, status_path):
    with open(status_path, "w") as f:
        f.write(f"replaying {config['schema']} from {dsn}\n")


class ReplicaEngine:
    def __init__(self, config, connection):
        self.config = config
        self.source = weakref.ref(connection)
        self.replay_daemon = None

    def start_replica(self, status_path):
        self.replay_daemon = multiprocessing.Process(
            target=run_replay,
            args=(self.config, self.source().dsn, status_path),
            name="replay_daemon",
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

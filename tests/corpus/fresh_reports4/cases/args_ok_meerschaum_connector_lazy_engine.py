# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/bmeares/Meerschaum/pull/39: the fix's approach, the engine is initialised lazily and dropped when the connector is pickled (and rebuilt when a new process is detected), so the connector can travel in pool tasks.
import os
import sqlite3
import sys
from multiprocessing import Pool


class SQLConnector:
    def __init__(self, label, database=":memory:"):
        self.label = label
        self.database = database
        self._engine = None
        self._pid = os.getpid()

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_engine"] = None
        return state

    @property
    def engine(self):
        if self._engine is None or self._pid != os.getpid():
            self._engine = sqlite3.connect(self.database)
            self._pid = os.getpid()
        return self._engine

    def register_pipe(self, pipe):
        self.engine.execute("CREATE TABLE IF NOT EXISTS pipes (name TEXT)")
        self.engine.execute("INSERT INTO pipes VALUES (?)", (pipe,))

    def sync(self, pipe, rows):
        return len(rows)


def _sync_pipe(args):
    pipe, connector = args
    return connector.sync(pipe, [pipe] * 3)


def sync_pipes(pipes, connector, workers=2):
    for pipe in pipes:
        connector.register_pipe(pipe)
    with Pool(workers) as pool:
        results = pool.map(_sync_pipe, [(pipe, connector) for pipe in pipes])
    return sum(results)


if __name__ == "__main__":
    conn = SQLConnector("sql:main")
    total = sync_pipes(["weather", "power", "traffic"], conn)
    print("RESULT=%d" % total)
    sys.exit(0 if total == 9 else 3)

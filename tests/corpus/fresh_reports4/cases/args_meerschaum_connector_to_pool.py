# family: args
# hazard: unpicklable-argument
# line: 40
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/bmeares/Meerschaum/pull/39 ("SQLConnectors break multiprocessing; SQLAlchemy connection Pools ... cannot be pickled"): the connector, whose engine was already opened during registration, travels in every pool task with its pipe; a sqlite3 connection stands in for the engine.
import sqlite3
import sys
from multiprocessing import Pool


class SQLConnector:
    def __init__(self, label, database=":memory:"):
        self.label = label
        self.database = database
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = sqlite3.connect(self.database)
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

# family: object
# hazard: unpicklable-callable
# line: 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/microsoft/ptvsd/issues/1607 (pool.map(self.__caseListExecution, nodeArgs) failed with "cannot serialize '_io.TextIOWrapper'" because the object held a stream) and the getattr-dispatch reports: the handler is chosen with getattr(self, "handle_" + kind), and the indexer object it is bound to holds an open sqlite3 connection.
"""Index files of several kinds on a pool; the indexer keeps its catalogue in SQLite."""
import multiprocessing
import sqlite3


class Indexer:
    def __init__(self, db_path=":memory:"):
        self.db = sqlite3.connect(db_path)
        self.db.execute("create table if not exists seen (path text)")
        self.counts = {}

    def handle_csv(self, path):
        return path, path.count(",") + 1

    def handle_txt(self, path):
        return path, len(path.split())

    def dispatch(self, pool, kind, paths):
        handler = getattr(self, "handle_" + kind)
        return [pool.apply_async(handler, (p,)) for p in paths]

    def run(self, jobs):
        with multiprocessing.Pool(2) as pool:
            pending = []
            for kind, paths in jobs.items():
                pending.extend(self.dispatch(pool, kind, paths))
            results = [p.get(timeout=20) for p in pending]
        for path, n in results:
            self.db.execute("insert into seen values (?)", (path,))
            self.counts[path] = n
        return self.counts


def main():
    jobs = {"csv": ["a,b,c", "d,e"], "txt": ["one two", "three"]}
    print(Indexer().run(jobs))


if __name__ == "__main__":
    main()

# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of the getattr-dispatch shape (https://github.com/microsoft/ptvsd/issues/1607): the handlers are static methods looked up with getattr on the class, so the pool pickles plain functions by qualified name; the SQLite connection stays in the parent.
"""Index files of several kinds on a pool; the indexer keeps its catalogue in SQLite."""
import multiprocessing
import sqlite3


class Indexer:
    def __init__(self, db_path=":memory:"):
        self.db = sqlite3.connect(db_path)
        self.db.execute("create table if not exists seen (path text)")
        self.counts = {}

    @staticmethod
    def handle_csv(path):
        return path, path.count(",") + 1

    @staticmethod
    def handle_txt(path):
        return path, len(path.split())

    def dispatch(self, pool, kind, paths):
        handler = getattr(Indexer, "handle_" + kind)
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

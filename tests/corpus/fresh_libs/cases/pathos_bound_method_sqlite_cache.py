# family: pathos
# hazard: unpicklable-argument
# line: 35
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A geocoder class keeps a sqlite3 cache connection as an attribute and maps its own bound method with pathos. dill pickles the bound method with its instance, and the sqlite3.Connection refuses: "cannot pickle 'sqlite3.Connection' object", under every start method. Shape of https://github.com/uqfoundation/pathos/issues/85 (a PMPExample instance holding a MongoClient, `ProcessPool(4).map(r.compute, ...)`) and https://github.com/uqfoundation/pathos/issues/186 (MySQL / SQLite connections).
"""Resolve city names to coordinates, caching answers in SQLite."""
import sqlite3

from pathos.pools import ProcessPool

GAZETTEER = {
    "paris": (48.86, 2.35),
    "berlin": (52.52, 13.40),
    "madrid": (40.42, -3.70),
    "rome": (41.90, 12.50),
}


class Geocoder:
    def __init__(self, cache_path=":memory:"):
        self.cache = sqlite3.connect(cache_path)
        self.cache.execute("CREATE TABLE IF NOT EXISTS geo (name TEXT PRIMARY KEY, lat REAL, lon REAL)")
        self.misses = 0

    def lookup(self, name):
        key = name.strip().lower()
        if key not in GAZETTEER:
            return name, None
        return name, GAZETTEER[key]

    def lookup_all(self, names, nodes=2):
        pool = ProcessPool(nodes=nodes)
        try:
            return pool.map(self.lookup, names)
        finally:
            pool.close()
            pool.join()
            pool.clear()


if __name__ == "__main__":
    geo = Geocoder()
    answers = geo.lookup_all(["Paris", "Berlin", "Atlantis", "Rome "])
    found = [a for a in answers if a[1] is not None]
    for name, coords in answers:
        print(f"{name!r:>12} -> {coords}")
    print("RESULT=" + str(len(found)))

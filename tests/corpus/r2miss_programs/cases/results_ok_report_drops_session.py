# family: results
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same session, whose __getstate__ drops the connection and whose __setstate__ reopens it: the class decides its own state and pickles.
"""Fetch a few records in a pool; each task returns a report."""
import multiprocessing
import sys


class ApiSession:
    """Holds a connection pool and credentials: one per process."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.connections = object()

    def __getstate__(self):
        return {"endpoint": self.endpoint}

    def __setstate__(self, state):
        self.__init__(state["endpoint"])

    def fetch(self, key):
        return "%s/%s" % (self.endpoint, key)


class FetchReport:
    def __init__(self, key):
        self.key = key
        self.url = None
        self.session = None

    def record(self, session):
        self.session = session
        self.url = session.fetch(self.key)


def fetch_one(key):
    session = ApiSession("https://api.example.invalid")
    report = FetchReport(key)
    report.record(session)
    return report


def main():
    with multiprocessing.Pool(2) as pool:
        reports = pool.map(fetch_one, ["a", "b"])
    print("RESULT=%s" % [r.url for r in reports])
    return 0


if __name__ == "__main__":
    sys.exit(main())

# family: results
# hazard: unpicklable-return
# line: 40
# timeout: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: r2miss model: an SDK session class refuses pickling on purpose (its __reduce__ only raises, like google-cloud's Client.__getstate__); a task's report keeps the session it used and is returned through the pool.
"""Fetch a few records in a pool; each task returns a report."""
import multiprocessing
import sys


class ApiSession:
    """Holds a connection pool and credentials: one per process."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def __reduce__(self):
        raise TypeError("ApiSession objects cannot be pickled; create one per process")

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

# family: results
# hazard: unpicklable-exception
# line: 35
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# timeout: 8
# note: https://github.com/mymarilyn/clickhouse-driver/pull/169 -- ServerException(message, code, nested=None) passed a formatted string to Exception.__init__, so a query error raised inside a Pool worker could not be re-created in the parent and pool.map never returned
"""Run a batch of analytics queries in a worker pool (a fake ClickHouse client stands in for the server)."""
import sys
from dataclasses import dataclass, field
from multiprocessing import Pool

TABLES = {"events": 1200, "sessions": 310}


class Error(Exception):
    code = None


class ServerException(Error):
    def __init__(self, message, code, nested=None):
        self.message = message
        self.code = code
        self.nested = nested
        super().__init__(f"Code: {code}. {message}")


@dataclass
class Client:
    host: str = "localhost"
    settings: dict = field(default_factory=lambda: {"max_threads": 2})

    def execute(self, query):
        table = query.rsplit(" ", 1)[-1]
        if table not in TABLES:
            raise ServerException(f"Table default.{table} doesn't exist.", 60)  # ANCHOR
        return [(TABLES[table],)]


def run_query(query):
    client = Client()
    return query, client.execute(query)[0][0]


class Report:
    def __init__(self, queries, processes=2):
        self.queries = queries
        self.processes = processes

    def build(self):
        with Pool(self.processes) as pool:
            return dict(pool.map(run_query, self.queries))


def main():
    queries = ["SELECT count() FROM events", "SELECT count() FROM sessions",
               "SELECT count() FROM pageviews"]
    try:
        counts = Report(queries).build()
    except Error as exc:
        print(f"RESULT=error:{exc.code}")
        return 0
    print(f"RESULT={sum(counts.values())}")
    return 3


if __name__ == "__main__":
    sys.exit(main())

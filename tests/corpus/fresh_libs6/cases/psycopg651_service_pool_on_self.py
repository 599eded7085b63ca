# family: callable
# hazard: unpicklable-callable
# line: 23
# files: l6kit/db.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/psycopg/psycopg/issues/651 -- a flask-style service keeps its psycopg_pool ConnectionPool on self and fans its own method out to a process pool; every task pickles the service with the pool's locks
import sys
from concurrent.futures import ProcessPoolExecutor

from l6kit.db import make_pool


class ReportService:
    def __init__(self):
        self.pool = make_pool()
        self.table = "daily_totals"

    def build_query(self, region):
        return f"SELECT * FROM {self.table} WHERE region = '{region}'"

    def queries(self, regions):
        with ProcessPoolExecutor(max_workers=2) as executor:
            return list(executor.map(self.build_query, regions))


def main():
    print(f"RESULT={len(ReportService().queries(['eu', 'us', 'apac']))}")


if __name__ == "__main__":
    sys.exit(main())

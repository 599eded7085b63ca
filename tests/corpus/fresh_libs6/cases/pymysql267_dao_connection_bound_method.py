# family: callable
# hazard: unpicklable-callable
# line: 23
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/PyMySQL/PyMySQL/issues/267 -- running queries of one pymysql connection in parallel with multiprocessing.Pool: the report DAO keeps its Connection on self and maps its own method, so every task pickles the connection
import sys
from multiprocessing import Pool

import pymysql

SETTINGS = {"host": "127.0.0.1", "port": 1, "user": "report", "password": "secret", "database": "sales"}


class ReportDao:
    def __init__(self, settings):
        self.conn = pymysql.connect(**settings, defer_connect=True)

    def day_query(self, day):
        return f"SELECT SUM(total) FROM orders WHERE day = '{day}'"

    def run_days(self, days):
        with Pool(2) as pool:
            return pool.map(self.day_query, days)


def main():
    queries = ReportDao(SETTINGS).run_days(["2026-12-01", "2026-12-02"])
    print(f"RESULT={len(queries)}")


if __name__ == "__main__":
    sys.exit(main())

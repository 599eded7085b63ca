# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/PyMySQL/PyMySQL/issues/267 -- the usual fix: one connection per process; the DAO keeps only the settings dict and each task opens its own (deferred) pymysql connection
import sys
from multiprocessing import Pool

import pymysql

SETTINGS = {"host": "127.0.0.1", "port": 1, "user": "report", "password": "secret", "database": "sales"}


class ReportDao:
    def __init__(self, settings):
        self.settings = dict(settings)

    def day_query(self, day):
        conn = pymysql.connect(**self.settings, defer_connect=True)
        return f"{conn.host}: SELECT SUM(total) FROM orders WHERE day = '{day}'"

    def run_days(self, days):
        with Pool(2) as pool:
            return pool.map(self.day_query, days)


def main():
    queries = ReportDao(SETTINGS).run_days(["2026-12-01", "2026-12-02"])
    print(f"RESULT={len(queries)}:{queries[0].split(':')[0]}")


if __name__ == "__main__":
    sys.exit(main())

# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The maintainer's answer in https://github.com/noxdafox/pebble/issues/89: materialise each generator (list(...)) before it is handed to the pool; the generator function stays, the items are lists.
"""Back-fill daily reports for several accounts on a pool."""
import multiprocessing
from datetime import date, timedelta

ACCOUNTS = ["acme", "globex", "initech"]


def report_rows(day, accounts):
    for account in accounts:
        yield (account, day.isoformat(), len(account) * day.day)


def download_reports(rows):
    return sum(total for _account, _day, total in rows)


def plan(days_back, today):
    jobs = []
    for offset in range(days_back):
        day = today - timedelta(days=offset)
        jobs.append(list(report_rows(day, ACCOUNTS)))
    return jobs


def main():
    jobs = plan(3, date(2024, 3, 10))
    with multiprocessing.Pool(2) as pool:
        totals = pool.map(download_reports, jobs)
    print(totals)


if __name__ == "__main__":
    main()

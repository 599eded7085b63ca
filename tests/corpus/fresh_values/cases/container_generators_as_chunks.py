# family: container
# hazard: unpicklable-argument
# line: 33 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/noxdafox/pebble/issues/89 ("error while trying to pass a generator to pool map") and https://github.com/fatiando/fatiando/issues/295 (tesseroid models built by a generator function cannot be pickled): a list of per-day generators of argument rows is handed to pool.map as its items.
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
        jobs.append(report_rows(day, ACCOUNTS))
    return jobs


def main():
    jobs = plan(3, date(2024, 3, 10))
    with multiprocessing.Pool(2) as pool:
        totals = pool.map(download_reports, jobs)
    print(totals)


if __name__ == "__main__":
    main()

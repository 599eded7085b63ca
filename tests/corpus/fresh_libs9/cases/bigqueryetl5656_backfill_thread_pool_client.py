# family: args
# hazard: none
# line: none
# files: l9kit/bq_client.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mozilla/bigquery-etl/pull/5656 -- the PR's fix ("switch from process to thread to avoid pickling bigquery object"; the work is I/O-bound API calls): the same partial mapped with multiprocessing.pool.ThreadPool, which passes the client by reference
"""bqetl query backfill: re-run a query for every date partition of a range, in parallel."""
import argparse
import datetime
from functools import partial
from multiprocessing.pool import ThreadPool

from l9kit.bq_client import Client, date_range


def _backfill_query(query_file_path, project_id, date_partition_parameter, destination_table,
                    client, backfill_date):
    partition = backfill_date.strftime("%Y%m%d")
    sql = f"-- {query_file_path}\nSELECT * FROM src WHERE {date_partition_parameter} = '{backfill_date}'"
    job = client.query(sql, destination=f"{project_id}.{destination_table}${partition}")
    return partition, job["rows"]


def parse_args(argv=None):
    ap = argparse.ArgumentParser(prog="bqetl query backfill", description=__doc__)
    ap.add_argument("name", nargs="?", default="telemetry_derived.clients_daily_v6")
    ap.add_argument("--project-id", default="moz-fx-data-shared-prod")
    ap.add_argument("--start-date", type=datetime.date.fromisoformat, default=datetime.date(2024, 5, 1))
    ap.add_argument("--end-date", type=datetime.date.fromisoformat, default=datetime.date(2024, 5, 6))
    ap.add_argument("--parallelism", type=int, default=2)
    return ap.parse_args(argv)


def backfill(args):
    dataset, table = args.name.split(".")
    client = Client(args.project_id)
    backfill_query = partial(
        _backfill_query, f"sql/{args.project_id}/{dataset}/{table}/query.sql", args.project_id,
        "submission_date", f"{dataset}.{table}", client,
    )
    dates = list(date_range(args.start_date, args.end_date))
    with ThreadPool(args.parallelism) as p:
        result = p.map(backfill_query, dates, chunksize=1)
    return dict(result)


def main(argv=None):
    args = parse_args(argv)
    done = backfill(args)
    print(f"backfilled {len(done)} partitions")
    print(f"RESULT={len(done)}:{sum(done.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

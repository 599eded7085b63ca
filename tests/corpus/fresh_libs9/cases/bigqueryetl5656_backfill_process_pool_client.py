# family: args
# hazard: unpicklable-partial-argument
# line: 43 l9kit/bq_client.py:39
# files: l9kit/bq_client.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/mozilla/bigquery-etl/pull/5656 -- "We're getting a pickling error: Can't pickle local object 'if_exception_type.<locals>.if_exception_type_predicate' on each concurrent invocation of cli.query._backfill_query": the backfill maps a partial of _backfill_query (carrying the BigQuery client, whose api_core Retry keeps a nested predicate) over the dates with a multiprocessing Pool
"""bqetl query backfill: re-run a query for every date partition of a range, in parallel."""
import argparse
import datetime
from functools import partial
from multiprocessing.pool import Pool

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
    with Pool(args.parallelism) as p:
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

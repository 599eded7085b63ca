# family: distributed
# hazard: process-started-at-import
# line: 15
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: An ETL script that creates its dask.distributed Client at the top, after the imports, as in the quick-start snippets. The LocalCluster's nannies start worker processes with spawn (dask's own setting, whatever the platform default), the workers re-import the script and hit the Client line: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase". Shape of https://github.com/dask/distributed/issues/4846 ("Issue with Client()": `client = Client()` right after the imports, the error printed many times, the code never finishes) and https://github.com/dask/distributed/issues/2557.
"""Nightly ETL: aggregate order totals per region."""
import logging
import random

from dask.distributed import Client, as_completed

logging.getLogger("distributed").setLevel(logging.CRITICAL)

client = Client(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.CRITICAL)

REGIONS = ["north", "south", "east", "west"]


def extract(region, seed):
    rng = random.Random(seed)
    return [{"region": region, "amount": rng.randint(1, 100)} for _ in range(50)]


def transform(rows):
    total = sum(r["amount"] for r in rows)
    return rows[0]["region"], total


def load(results):
    for region, total in sorted(results):
        print(f"{region:>6}: {total}")
    return dict(results)


def run():
    futures = [client.submit(transform, client.submit(extract, r, i)) for i, r in enumerate(REGIONS)]
    results = [f.result() for f in as_completed(futures)]
    return load(results)


totals = run()
print("RESULT=" + str(len(totals)))
client.close()

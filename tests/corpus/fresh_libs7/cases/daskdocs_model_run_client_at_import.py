# family: guard
# hazard: missing-main-guard
# line: 13
# timeout: 30
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://docs.dask.org/en/stable/how-to/deploy-dask/single-distributed.html -- the page's recipe `from dask.distributed import Client; client = Client()` (a LocalCluster of worker processes) pasted at the top of a script: distributed starts its nanny worker processes with spawn, each re-runs the script, reaches `Client(...)` again and fails with "An attempt has been made to start a new process before the current process has finished its bootstrapping phase"; this program is an OG-USA-style model run script with the client made at import
import json
import time

from dask.distributed import Client

NUM_WORKERS = 2
client = Client(n_workers=NUM_WORKERS, threads_per_worker=1, dashboard_address=None)

BASELINE = {"frisch": 0.4, "beta": 0.96, "g_y": 0.03, "years": [2026, 2027, 2028, 2029]}


def solve_year(params, year):
    """One period of a toy steady-state solve."""
    k = 1.0
    for _ in range(50):
        k = params["beta"] * (k ** 0.35) * (1 + params["g_y"]) + params["frisch"] * 0.01
    return {"year": year, "capital": round(k, 6)}


def run_model(params, client):
    futures = [client.submit(solve_year, params, year) for year in params["years"]]
    return client.gather(futures)


def main():
    start = time.time()
    results = run_model(BASELINE, client)
    print("RESULT=", json.dumps([r["year"] for r in results]))
    print(f"run time {time.time() - start:.1f}s")
    client.close()


if __name__ == "__main__":
    main()

# family: guard
# hazard: none
# line: none
# timeout: 40
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/PSLmodels/OG-USA/pull/85 -- OG-USA's example run script creates its dask client inside main(), `client = Client(n_workers=num_workers, threads_per_worker=1)`, run under `if __name__ == "__main__"`, so the spawned worker processes that re-run the script never reach it (the PR makes n_workers explicit); this program is that shape
import json
import time

from dask.distributed import Client

NUM_WORKERS = 2

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
    client = Client(n_workers=NUM_WORKERS, threads_per_worker=1, dashboard_address=None)
    try:
        results = run_model(BASELINE, client)
    finally:
        client.close()
    print("RESULT=", json.dumps([r["year"] for r in results]))
    print(f"run time {time.time() - start:.1f}s")


if __name__ == "__main__":
    main()

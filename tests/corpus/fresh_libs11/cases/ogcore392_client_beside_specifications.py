# family: args
# hazard: none
# line: none
# files: l11kit/ogmodel.py
# timeout: 120
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/PSLmodels/OG-Core/pull/392 -- near miss: the client is kept beside the specifications and passed to the runner as its own argument, so the submitted tasks carry only the plain parameters object
"""Solve the household problem for every ability type on a local dask cluster."""
from dask.distributed import Client, LocalCluster

from l11kit.ogmodel import Specifications, solve_household


def run_model(p, client):
    futures = [client.submit(solve_household, p, j) for j in range(p.J)]
    return dict(client.gather(futures))


def main():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        p = Specifications(S=4, J=3)
        p.num_workers = 2
        results = run_model(p, client)
    print(f"RESULT={sorted(results.items())}")


if __name__ == "__main__":
    main()

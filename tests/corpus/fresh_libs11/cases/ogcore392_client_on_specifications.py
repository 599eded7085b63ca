# family: args
# hazard: distributed-client-on-task-argument
# line: 15
# files: l11kit/ogmodel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 120
# note: https://github.com/PSLmodels/OG-Core/pull/392 -- the OG-USA API stored the dask client on the parameters object (p.client) and then called client.submit(solve, p, j); dask could not serialise p ("cannot pickle '_asyncio.Task' object", then "Could not serialize object of type ..."), the client travelling inside the task argument
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
        p.client = client
        p.num_workers = 2
        results = run_model(p, p.client)
    print(f"RESULT={sorted(results.items())}")


if __name__ == "__main__":
    main()

# family: distributed
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: dask/distributed#516 (the fix: create the cluster under the main guard); once guarded, a lambda and a closure submitted to worker processes are fine because distributed serialises tasks with cloudpickle.
"""Guarded LocalCluster; submit a lambda and a closure."""
import sys

from dask.distributed import Client, LocalCluster


def make_scaler(factor):
    def scale(values):
        return [v * factor for v in values]
    return scale


def main():
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        scaled = client.submit(make_scaler(3), [1, 2, 3])
        total = client.submit(lambda vals: sum(vals), scaled)
        result = total.result()
    print(f"RESULT={result}")
    if result != 18:
        sys.exit(3)


if __name__ == "__main__":
    main()

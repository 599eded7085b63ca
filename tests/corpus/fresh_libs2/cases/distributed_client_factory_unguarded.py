# family: distributed
# hazard: missing-main-guard
# line: 27
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: dask/distributed#516 ("An attempt has been made to start a new process" from Client() at module level) reshaped as a get_client() helper with cluster settings in a dict, called at the top of the script; distributed's nanny starts its workers with spawn.
"""Cluster helper and a quick sanity job, as pasted into a script."""
from dask.distributed import Client, LocalCluster

CLUSTER_SETTINGS = {
    "n_workers": 2,
    "threads_per_worker": 1,
    "processes": True,
    "dashboard_address": None,
}


def get_client(settings=CLUSTER_SETTINGS):
    cluster = LocalCluster(**settings)
    return Client(cluster)


def square(x):
    return x * x


client = get_client()
futures = client.map(square, range(8))
total = sum(client.gather(futures))
print(f"RESULT={total}")
client.close()

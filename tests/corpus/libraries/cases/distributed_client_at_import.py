# family: distributed
# hazard: process-started-at-import
# line: 9
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 40
# note: dask.distributed's Client() at the top of a script starts a LocalCluster whose nannies spawn workers; they re-import the script and fail: 'An attempt has been made to start a new process before ... bootstrapping phase' / 'Nanny failed to start'. Modelled on https://github.com/dask/distributed/issues/2520 and https://github.com/dask/distributed/issues/4751.
from dask.distributed import Client

client = Client(n_workers=1, threads_per_worker=1, dashboard_address=None)
print("RESULT=" + str(client.submit(sum, [1, 2, 3]).result()))
client.close()

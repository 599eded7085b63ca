# family: distributed
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: False friend: the documented fix, Client() under the main guard; the task is a lambda, which cloudpickle sends by value. Modelled on https://github.com/dask/distributed/issues/2520 (mrocklin's fix).
from dask.distributed import Client

if __name__ == "__main__":
    client = Client(n_workers=1, threads_per_worker=1, dashboard_address=None)
    print("RESULT=" + str(client.submit(lambda x: x + 1, 41).result()))
    client.close()

# family: dask
# hazard: process-started-at-import
# line: 23
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: A CPU-bound script follows dask's scheduling docs and switches the global scheduler with `dask.config.set(scheduler="processes")` (a statement, not a `with` block), then computes delayed calls at the top level with no main guard. dask's processes scheduler always spawns, so the workers re-import the script and fail to bootstrap under every default start method. Shape of https://docs.dask.org/en/stable/scheduling.html ("dask.config.set(scheduler='processes')  # overwrite default with multiprocessing scheduler") and https://github.com/dask/dask/issues/5956.
"""Count primes below a few limits in parallel."""
import dask

dask.config.set(scheduler="processes")


@dask.delayed
def count_primes(limit):
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n ** 0.5) + 1)):
            count += 1
    return count


LIMITS = [1000, 2000, 3000, 4000]
counts = dask.compute(*[count_primes(n) for n in LIMITS])
print("RESULT=" + str(list(counts)))

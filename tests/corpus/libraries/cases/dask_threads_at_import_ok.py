# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: the same unguarded script with scheduler='threads' (dask's default for bags is processes, for arrays threads): no child process at all. Modelled on https://docs.dask.org/en/stable/scheduling.html.
import dask.bag as db

numbers = db.from_sequence(range(8), npartitions=2)
print("RESULT=" + str(numbers.map(lambda x: x * 2).sum().compute(scheduler="threads")))

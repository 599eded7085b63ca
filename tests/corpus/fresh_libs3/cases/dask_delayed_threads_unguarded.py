# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/esi-neuroscience/syncopy/issues/161 (dask starting processes during bootstrapping): dask.delayed with the threaded scheduler at module level starts no process
import dask
from dask import delayed

PARAMS = {"trials": [1, 2, 3, 4]}


@delayed
def analyse(trial):
    return trial * trial


@delayed
def combine(parts):
    return sum(parts)


graph = combine([analyse(t) for t in PARAMS["trials"]])
with dask.config.set(scheduler="threads"):
    result = graph.compute()
print("RESULT=" + str(result))

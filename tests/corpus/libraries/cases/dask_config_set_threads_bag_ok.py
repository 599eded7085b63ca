# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: a dask.bag computes on processes by default, but this notebook-style script first sets the global scheduler to threads with a `dask.config.set(scheduler="threads")` statement, so the unguarded module-level compute with lambdas stays in the parent. The setting from https://docs.dask.org/en/stable/scheduling.html ("dask.config.set(scheduler='threads')  # overwrite default with threaded scheduler"); the bag default from https://docs.dask.org/en/stable/bag.html.
import dask
import dask.bag as db

dask.config.set(scheduler="threads")

words = db.from_sequence(["apple", "banana", "cherry", "date"] * 5, npartitions=4)
long_words = words.map(lambda w: (w, len(w))).filter(lambda pair: pair[1] > 4)
print("RESULT=" + str(long_words.pluck(1).sum().compute()))

# family: dask
# hazard: process-started-at-import
# line: 10
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: dask's processes scheduler always spawns its workers (dask config multiprocessing.context = spawn), so an unguarded compute(scheduler='processes') fails even where multiprocessing forks. Modelled on https://github.com/dask/dask/issues/5956 and https://docs.dask.org/en/stable/scheduling.html.
import dask.bag as db

numbers = db.from_sequence(range(8), npartitions=2)
print("RESULT=" + str(numbers.map(lambda x: x * 2).sum().compute(scheduler="processes")))

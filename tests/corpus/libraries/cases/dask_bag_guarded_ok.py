# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: the same bag pipeline under the main guard, with a lambda that cloudpickle sends by value. Modelled on https://docs.dask.org/en/stable/bag.html.
import dask.bag as db

if __name__ == "__main__":
    bag = db.from_sequence(range(8), npartitions=2)
    print("RESULT=" + str(bag.map(lambda x: x * x).sum().compute()))

# family: pebble
# hazard: unpicklable-callable
# line: 10
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: pebble's ProcessPool sends every scheduled function through a pipe with pickle, whatever the start method: a lambda fails even under fork. Modelled on https://github.com/noxdafox/pebble/issues/60 and https://github.com/noxdafox/pebble/issues/146.
from pebble import ProcessPool

if __name__ == "__main__":
    with ProcessPool(max_workers=2) as pool:
        future = pool.schedule(lambda n: n + 1, args=(41,))
        print("RESULT=" + str(future.result(timeout=10)))

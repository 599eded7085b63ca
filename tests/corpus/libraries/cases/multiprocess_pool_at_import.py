# family: multiprocess
# hazard: process-started-at-import
# line: 9
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 15
# note: multiprocess (the dill fork of multiprocessing) used at module level with a lambda: dill takes the lambda, but spawned workers re-import the unguarded script. Modelled on https://github.com/uqfoundation/multiprocess/issues/43 (pool hangs on Windows).
import multiprocess as mp

with mp.Pool(2) as pool:
    print("RESULT=" + str(pool.map(lambda x: x * x, range(5))))

# family: multiprocess
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: the worker function is defined under the main guard, which breaks multiprocessing under spawn ('Can't get attribute ... on __mp_main__'); dill pickles functions of __main__ by value. Modelled on https://github.com/uqfoundation/pathos/issues/118 (functions of __main__ with dill).
import multiprocess as mp

if __name__ == "__main__":
    def square(x):
        return x * x

    with mp.Pool(2) as pool:
        print("RESULT=" + str(pool.map(square, range(5))))

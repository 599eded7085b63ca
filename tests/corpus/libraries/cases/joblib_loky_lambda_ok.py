# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: joblib's default backend (loky) serialises tasks with cloudpickle, which takes lambdas and closures. Modelled on https://joblib.readthedocs.io/en/stable/parallel.html#serialization-processes (cloudpickle).
from joblib import Parallel, delayed


def make_power(p):
    return lambda x: x ** p


if __name__ == "__main__":
    cube = make_power(3)
    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(cube)(i) for i in range(4))))
    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(lambda x: -x)(i) for i in range(4))))

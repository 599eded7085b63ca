# family: pathos
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: pathos serialises with dill, which pickles lambdas and closures, so the 'Can't pickle <lambda>' advice of multiprocessing does not apply. Modelled on the pathos README ('pathos.multiprocessing ... can serialize lambda') and https://chenghuzi.github.io/16636018483283.html.
from pathos.multiprocessing import ProcessPool


def make_scaler(factor):
    def scale(x):
        return x * factor
    return scale


if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    print("RESULT=" + str(pool.map(lambda x: x + 1, range(4))))
    print("RESULT=" + str(pool.map(make_scaler(3), range(4))))
    pool.close()
    pool.join()

# family: tqdm
# hazard: unpicklable-callable
# line: 9
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: tqdm.contrib.concurrent.process_map runs a ProcessPoolExecutor: its function is pickled for every chunk, so a lambda fails under every start method. Modelled on https://errornotes.dev/en/errors/python/fixing-typeerror-cannot-pickle-in-python-multiprocessing (a lambda handed to a process pool).
from tqdm.contrib.concurrent import process_map

if __name__ == "__main__":
    squares = process_map(lambda x: x * x, range(8), max_workers=2, disable=True)
    print("RESULT=" + str(squares))

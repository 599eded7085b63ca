# family: daemon
# hazard: daemon-children
# line: 17 25
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Variant from the thread of https://github.com/joblib/joblib/issues/405 (a Pool task that runs its own parallel loop; GaelVaroquaux: "Inner parallel computing would not work for n_jobs!=1, as multiprocessing cannot do nested"): here the inner loop is a multiprocessing Pool made inside the outer Pool's task, so each daemonic worker tries to start children.
"""Score several data sets; each data set's rows are scored in parallel too."""
import multiprocessing as mp
from math import sqrt


def score_row(row):
    return sqrt(sum(v * v for v in row))


def calc(dataset):
    name, rows = dataset
    with mp.Pool(processes=2) as inner:
        scores = inner.map(score_row, rows)
    return name, round(sum(scores), 3)


def main():
    datasets = [("a", [(1, 2), (3, 4)]), ("b", [(5, 12)])]
    pool = mp.Pool(processes=2)
    results = pool.map(calc, datasets)
    pool.close()
    pool.join()
    print("RESULT=%s" % sorted(results))


if __name__ == "__main__":
    main()

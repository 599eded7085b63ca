# family: multiprocess
# hazard: daemon-children
# line: 23
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 30
# note: derivkit/derivkit#203 (a finite-difference helper that opens a multiprocess.Pool, called from inside another process pool: "daemonic processes are not allowed to have children").
"""Gradient of several objective functions; each outer task differentiates with an inner pool."""
import sys

from multiprocess import Pool


def objective(x):
    return x ** 3 - 2 * x


def central_difference(args):
    f, x, h = args
    return (f(x + h) - f(x - h)) / (2 * h)


def gradient(points, workers=2, h=1e-4):
    with Pool(workers) as pool:
        return pool.map(central_difference, [(objective, x, h) for x in points])


def evaluate_batch(batch):
    return [round(g, 3) for g in gradient(batch)]


def main():
    batches = [[0.0, 1.0], [2.0, 3.0]]
    with Pool(2) as outer:
        grads = outer.map(evaluate_batch, batches)
    print(f"RESULT={grads}")
    if grads != [[-2.0, 1.0], [10.0, 25.0]]:
        sys.exit(3)


if __name__ == "__main__":
    main()

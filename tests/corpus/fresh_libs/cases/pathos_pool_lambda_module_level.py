# family: pathos
# hazard: missing-main-guard
# line: 22
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 30
# note: A grid-search script that uses pathos' ProcessPool at module level (no guard) because "pathos takes lambdas". dill does take the lambda, but the guard is still needed wherever multiprocess's default start method re-imports the main module (spawn on Windows and macOS; the runner imposes it): the children reach the pool again and fail with "An attempt has been made to start a new process before ... bootstrapping phase". Shape of https://github.com/uqfoundation/pathos/issues/125 (the maintainers' example puts `freeze_support()` and the pool under `if __name__ == '__main__':`) and https://github.com/uqfoundation/multiprocess/issues/19 (an unguarded `multiprocess.Pool(2)` at the top of trial10.py).
"""Grid search over two hyper-parameters of a toy model."""
import itertools

from pathos.pools import ProcessPool

DATA = [(x, 3.0 * x + 1.5) for x in range(-10, 11)]
SLOPES = [2.5, 3.0, 3.5]
INTERCEPTS = [0.5, 1.5, 2.5]


def loss(slope, intercept, data=DATA):
    return sum((slope * x + intercept - y) ** 2 for x, y in data) / len(data)


grid = list(itertools.product(SLOPES, INTERCEPTS))
pool = ProcessPool(nodes=2)
losses = pool.map(lambda pair: loss(*pair), grid)
pool.close()
pool.join()

best_loss, best_params = min(zip(losses, grid))
print(f"best slope={best_params[0]} intercept={best_params[1]} loss={best_loss:.3f}")


def report(grid, losses, width=8):
    lines = []
    for (slope, intercept), value in zip(grid, losses):
        bar = "#" * min(width, int(value))
        lines.append(f"{slope:>4} {intercept:>4} {value:8.2f} {bar}")
    return "\n".join(lines)


print(report(grid, losses))
print("RESULT=" + str(best_params))

# family: daemon
# hazard: daemon-children
# line: 16
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: shape of https://github.com/derivkit/derivkit/issues/203 (a finite-difference helper using multiprocess.Pool, called from inside another pool: "daemonic processes are not allowed to have children")
import multiprocess


class FiniteDifference:
    def __init__(self, function, n_workers=2):
        self.function = function
        self.n_workers = n_workers

    def stencil_values(self, x0, h=0.5):
        stencil = [x0 - h, x0, x0 + h]
        with multiprocess.Pool(self.n_workers) as pool:
            return pool.map(self.function, stencil)

    def derivative(self, x0, h=0.5):
        lo, _, hi = self.stencil_values(x0, h)
        return (hi - lo) / (2 * h)


def cube(x):
    return x ** 3


def derivative_at(x0):
    return FiniteDifference(cube).derivative(x0)


def main():
    with multiprocess.Pool(2) as outer:
        out = outer.map(derivative_at, [1.0, 2.0])
    print("RESULT=" + ",".join(f"{v:.2f}" for v in out))


if __name__ == "__main__":
    main()

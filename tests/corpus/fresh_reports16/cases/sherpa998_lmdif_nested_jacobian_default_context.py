# family: callable
# hazard: nested-function-target-args
# line: 56 r16kit/parallel.py:62 r16kit/parallel.py:39
# files: r16kit/parallel.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/sherpa/sherpa/issues/998 -- "AttributeError: Can't pickle local object 'lmdif.<locals>.fdJac'": the Levenberg-Marquardt optimiser hands its nested finite-difference Jacobian function to parallel_map, whose processes pickle it wherever the start method is not fork (macOS's default spawn before sherpa #969, or spawn/forkserver configured)
"""Fit a model with a Levenberg-Marquardt step whose Jacobian columns are computed in parallel."""
import argparse
import math
import sys

from r16kit import parallel

# what the rc file of this installation says: use the platform's default start method
SETTINGS = {"multiprocessing_start_method": "default", "numcores": 2}


class ExpDecay:
    """y = a * exp(-b * x) + c"""

    def __init__(self, xs, ys):
        self.xs = xs
        self.ys = ys

    def residuals(self, pars):
        a, b, c = pars
        return [a * math.exp(-b * x) + c - y for x, y in zip(self.xs, self.ys)]


def _solve3(m, v):
    # Cramer's rule for a 3x3 system
    def det(a):
        return (a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]))
    d = det(m)
    out = []
    for k in range(3):
        mk = [row[:k] + [v[i]] + row[k + 1:] for i, row in enumerate(m)]
        out.append(det(mk) / d)
    return out


def lmdif(fcn, x0, maxfev=30, epsfcn=1e-7, numcores=2, context=None):
    pars = list(x0)
    lam = 1e-3

    def fdJac(index):
        h = epsfcn * max(abs(pars[index]), 1.0)
        shifted = list(pars)
        shifted[index] += h
        f0, f1 = fcn(pars), fcn(shifted)
        return [(b - a) / h for a, b in zip(f0, f1)]

    for _ in range(maxfev):
        cols = parallel.parallel_map(fdJac, list(range(len(pars))), numcores, context)
        r = fcn(pars)
        jtj = [[sum(ci * cj for ci, cj in zip(cols[i], cols[j])) + (lam if i == j else 0.0)
                for j in range(3)] for i in range(3)]
        jtr = [-sum(ci * ri for ci, ri in zip(cols[i], r)) for i in range(3)]
        step = _solve3(jtj, jtr)
        pars = [p + s for p, s in zip(pars, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return pars, sum(x * x for x in fcn(pars))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maxfev", type=int, default=8)
    args = parser.parse_args(argv)
    xs = [0.25 * i for i in range(12)]
    ys = [3.0 * math.exp(-0.7 * x) + 0.5 for x in xs]
    model = ExpDecay(xs, ys)
    ctx = parallel.context_for(SETTINGS["multiprocessing_start_method"])
    pars, stat = lmdif(model.residuals, [2.0, 0.5, 0.0], maxfev=args.maxfev,
                       numcores=SETTINGS["numcores"], context=ctx)
    print("RESULT=%s stat=%.2e" % (",".join("%.3f" % p for p in pars), stat))
    return 0


if __name__ == "__main__":
    sys.exit(main())

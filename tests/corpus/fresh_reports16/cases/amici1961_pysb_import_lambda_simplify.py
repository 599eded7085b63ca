# family: callable
# hazard: lambda-default-argument-to-pool
# line: 26
# files: r16kit/odemodel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/AMICI-dev/AMICI/pull/1961 -- "The lambda default argument cannot be pickled": pysb2amici's `simplify` parameter defaulted to `lambda x: sp.powsimp(x, deep=True)`; the DE model keeps it and the parallel import (AMICI_IMPORT_NPROCS > 1) maps it over the right-hand sides in a process pool, which pickles it with every task
"""Import a PySB-like reaction model into ODE form, simplifying its right-hand sides in parallel."""
import argparse
import functools
import multiprocessing
import os
import sys

from r16kit.odemodel import DEModel, example_spec


def _apply(func, expr):
    return func(expr)


def _parallel_applyfunc(exprs, func, nprocs):
    """amici.import_utils-style: run func over the expressions, in a pool when asked to."""
    if nprocs <= 1:
        return [func(e) for e in exprs]
    with multiprocessing.Pool(nprocs) as pool:
        return pool.map(functools.partial(_apply, func), exprs)


class ImportReport:
    def __init__(self, name):
        self.name = name
        self.terms_before = 0
        self.terms_after = 0
        self.rhs = {}

    def line(self):
        rhs = ",".join("%s:%.3f" % (k, v) for k, v in sorted(self.rhs.items()))
        return "%s %d->%d %s" % (self.name, self.terms_before, self.terms_after, rhs)


def pysb2amici(spec, output_dir, simplify=lambda x: x.powsimp(deep=True), nprocs=None):
    nprocs = nprocs if nprocs is not None else int(os.environ.get("AMICI_IMPORT_NPROCS", "2"))
    ode = DEModel(spec, simplify=simplify)
    ode.generate_basic_variables()
    report = ImportReport(spec.name)
    exprs = ode.rhs_expressions()
    report.terms_before = sum(len(e) for e in exprs)
    simplified = _parallel_applyfunc(exprs, ode.simplify, nprocs)
    ode.set_rhs(simplified)
    report.terms_after = sum(len(e) for e in simplified)
    report.rhs = ode.evaluate_rhs()
    os.makedirs(output_dir, exist_ok=True)
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output-dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "amici_enzyme"))
    parser.add_argument("--nprocs", type=int, default=2)
    args = parser.parse_args(argv)
    report = pysb2amici(example_spec(), args.output_dir, nprocs=args.nprocs)
    print("RESULT=" + report.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())

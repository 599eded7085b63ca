# family: start_method
# hazard: set-start-method-twice
# line: 19 skokit/tools.py:6
# files: skokit/__init__.py skokit/tools.py skokit/ga.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/guofei9987/scikit-opt/issues/233 ("Got raise RuntimeError('context has already been set')"): the optimisation library's tools module fixes the start method when it is imported, and the user's script, following the multiprocessing docs, sets its own start method in its main block after importing the library. Reduced: the library is the small package skokit (tools sets the method, ga maps the fitness over a pool).
"""Minimise a test function with the genetic algorithm in parallel mode."""
import multiprocessing

from skokit import GA, tools


def schaffer(p):
    x1, x2 = p
    return 0.5 + (x1 ** 2 - x2 ** 2 - 0.001) / (1 + 0.001 * (x1 ** 2 + x2 ** 2)) ** 2


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    func = tools.set_run_mode(schaffer, "multiprocessing")
    ga = GA(func=func, n_dim=2, size_pop=8, max_iter=2)
    print("RESULT=%.3f" % ga.run())

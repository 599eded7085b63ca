# family: callable
# hazard: unpicklable-callable
# line: 40
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/BlueBrain/BluePyMM/issues/252 ("AttributeError: Can't pickle local object 'NestedPool.Process.<locals>.NoDaemonProcess' on Mac": BluePyMM's NestedPool, the non-daemonic pool recipe, defines NoDaemonProcess inside its Process() method and assigns it to proc.__class__; under spawn every worker Process object is pickled with its class). Kept: the NestedPool subclass with the local class and daemon property, a model-management step that runs evaluations in the pool which themselves may start pools; the evaluation is a small arithmetic stand-in.
"""Evaluate electrical models in parallel; each evaluation may use its own pool."""
import multiprocessing
import multiprocessing.pool
import sys


class NestedPool(multiprocessing.pool.Pool):
    """Pool whose workers are not daemonic, so that they can have children."""

    def Process(self, *args, **kwds):
        proc = super(NestedPool, self).Process(*args, **kwds)

        class NoDaemonProcess(proc.__class__):
            """Monkey-patch the process class: daemon is always False."""

            @property
            def daemon(self):
                return False

            @daemon.setter
            def daemon(self, val):
                pass

        proc.__class__ = NoDaemonProcess
        return proc


def evaluate_combo(combo):
    emodel, morphology = combo
    return emodel, morphology, (len(emodel) * 7 + len(morphology)) % 13


def run_combos(combos, n_processes=2):
    results = []
    pool = NestedPool(n_processes)
    try:
        for result in pool.imap_unordered(evaluate_combo, combos):
            results.append(result)
    finally:
        pool.close()
        pool.join()
    return sorted(results)


def main():
    combos = [("cADpyr", "C060114A5"), ("bNAC", "C010306G"), ("cNAC", "rp110127_L5-2")]
    results = run_combos(combos)
    print("RESULT=%s" % [score for _e, _m, score in results])
    return 0


if __name__ == "__main__":
    sys.exit(main())

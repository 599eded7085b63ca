# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/BlueBrain/BluePyMM/issues/252 in the shape recommended for Python 3.8+ (module-level NoDaemonProcess and a context whose Process is it, handed to the Pool subclass): every class a spawned worker needs is found by name. Near miss of bluepymm_nested_pool_local_process.
"""Evaluate electrical models in parallel; each evaluation may use its own pool."""
import multiprocessing
import multiprocessing.pool
import sys


class NoDaemonProcess(multiprocessing.Process):
    """A process whose daemon flag is always False, so that it can have children."""

    @property
    def daemon(self):
        return False

    @daemon.setter
    def daemon(self, val):
        pass


class NoDaemonContext(type(multiprocessing.get_context())):
    Process = NoDaemonProcess


class NestedPool(multiprocessing.pool.Pool):
    """Pool whose workers are not daemonic, so that they can have children."""

    def __init__(self, *args, **kwargs):
        kwargs["context"] = NoDaemonContext()
        super(NestedPool, self).__init__(*args, **kwargs)


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

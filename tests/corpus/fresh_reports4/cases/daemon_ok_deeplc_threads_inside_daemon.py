# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/CompOmics/DeepLC/pull/6 ("Fix running DeepLC from multiprocessing environment"): the predictor checks whether it runs in a daemonic process and then uses a thread pool for its feature extraction instead of starting a process pool.
import multiprocessing
import sys
from multiprocessing.pool import ThreadPool


def calc_feats(peptide):
    return sum(ord(c) for c in peptide) % 97


class DeepLC:
    def __init__(self, n_jobs=2):
        self.n_jobs = n_jobs

    def _make_pool(self):
        if multiprocessing.current_process().daemon:
            # daemonic processes may not have children: fall back to threads
            return ThreadPool(self.n_jobs)
        return multiprocessing.Pool(self.n_jobs)

    def make_preds(self, seqs):
        pool = self._make_pool()
        try:
            feats = pool.map(calc_feats, seqs)
        finally:
            pool.close()
            pool.join()
        return [f * 0.5 for f in feats]


def predict_run(seqs):
    return sum(DeepLC(n_jobs=2).make_preds(seqs))


if __name__ == "__main__":
    runs = [["AAGK", "LLVR"], ["PEPTIDE", "KR"]]
    with multiprocessing.Pool(2) as outer:
        totals = outer.map(predict_run, runs)
    print("RESULT=%d" % len(totals))
    sys.exit(0 if len(totals) == 2 else 3)

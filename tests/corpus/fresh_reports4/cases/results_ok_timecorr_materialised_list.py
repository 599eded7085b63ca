# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/ContextLab/timecorr/issues/21: the helper materialises the per-timepoint values with list(...) before returning, so only numbers travel back; the nested function never leaves the worker.
import sys
from multiprocessing import Pool


def isfc_helper(args):
    subject, data, window = args
    others = [row for i, row in enumerate(data) if i != subject]

    def isfc_timepoint_helper(t):
        lo = max(0, t - window)
        own = sum(data[subject][lo:t + 1])
        rest = sum(sum(row[lo:t + 1]) for row in others)
        return own * rest

    timepoints = range(len(data[subject]))
    return list(map(isfc_timepoint_helper, timepoints))


def timecorr(data, window=2, processes=2):
    with Pool(processes) as pool:
        per_subject = pool.map(isfc_helper, [(s, data, window) for s in range(len(data))])
    return [list(x) for x in per_subject]


if __name__ == "__main__":
    data = [[1, 2, 3, 4], [2, 3, 4, 5], [0, 1, 0, 1]]
    corrs = timecorr(data)
    print("RESULT=%d" % len(corrs))
    sys.exit(0 if len(corrs) == 3 else 3)

# family: results
# hazard: unpicklable-return
# line: 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/ContextLab/timecorr/issues/21 ("MaybeEncodingError: Error sending result: '[array(<map object ...>)]'. Reason: ... Can't pickle local object 'isfc_helper.<locals>.isfc_timepoint_helper'"): the pooled helper returns lazy map objects over a nested function.
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
    return map(isfc_timepoint_helper, timepoints)


def timecorr(data, window=2, processes=2):
    with Pool(processes) as pool:
        per_subject = pool.map(isfc_helper, [(s, data, window) for s in range(len(data))])
    return [list(x) for x in per_subject]


if __name__ == "__main__":
    data = [[1, 2, 3, 4], [2, 3, 4, 5], [0, 1, 0, 1]]
    corrs = timecorr(data)
    print("RESULT=%d" % len(corrs))
    sys.exit(0 if len(corrs) == 3 else 3)

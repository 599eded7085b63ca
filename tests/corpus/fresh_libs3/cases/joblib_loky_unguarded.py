# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/SigProfilerSuite/SigProfilerExtractor/issues/121: the same top-level call with joblib's default loky backend, whose workers do not re-run the script as __main__
from joblib import Parallel, delayed

OPTIONS = {"n_jobs": 2}


def signature_weight(sample):
    return sum(ord(c) for c in sample) % 97


def extract(samples, options):
    return Parallel(n_jobs=options["n_jobs"])(delayed(signature_weight)(s) for s in samples)


weights = extract(["s1", "s2", "s3"], OPTIONS)
print("RESULT=" + ",".join(map(str, weights)))

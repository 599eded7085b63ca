# family: guard
# hazard: missing-main-guard
# line: 21
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 10
# note: shape of https://github.com/SigProfilerSuite/SigProfilerExtractor/issues/121 (library call at a script's top level: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase"), with joblib's multiprocessing backend chosen through parallel_config
from joblib import Parallel, delayed, parallel_config

OPTIONS = {"backend": "multiprocessing", "n_jobs": 2}


def signature_weight(sample):
    return sum(ord(c) for c in sample) % 97


def extract(samples, options):
    with parallel_config(backend=options["backend"], n_jobs=options["n_jobs"]):
        return Parallel()(delayed(signature_weight)(s) for s in samples)


weights = extract(["s1", "s2", "s3"], OPTIONS)
print("RESULT=" + ",".join(map(str, weights)))

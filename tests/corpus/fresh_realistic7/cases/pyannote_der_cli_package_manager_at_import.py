# family: guard
# hazard: process-at-import
# line: rz7kit/metricsbase.py:4
# files: rz7kit/metricsbase.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 8
# note: https://github.com/pyannote/pyannote-metrics/issues/8 -- the metrics package's __init__ runs `manager_ = Manager()`, so a DER script guarded by `if __name__ == '__main__'` still fails on Windows with "An attempt has been made to start a new process before the current process has finished its bootstrapping phase"; reduced to an argparse DER evaluator importing a helper module that starts a Manager at import
import argparse
import sys

from rz7kit.metricsbase import DiarizationErrorRate


def load_turns(spec):
    return [tok for tok in spec.split(",") if tok]


def evaluate(pairs):
    der = DiarizationErrorRate()
    scores = [der(ref, hyp) for ref, hyp in pairs]
    return sum(scores) / len(scores)


def main():
    ap = argparse.ArgumentParser(description="diarization error rate")
    ap.add_argument("--ref", default="a,b,c,d")
    ap.add_argument("--hyp", default="a,b,x")
    args = ap.parse_args()
    pairs = [(load_turns(args.ref), load_turns(args.hyp))] * 2
    print("DER", round(evaluate(pairs), 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())

# family: guard
# hazard: none
# line: none
# files: rz7kit/metricslazy.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pyannote/pyannote-metrics/issues/8 -- the fix the maintainers made: no Manager at import time; the shared dict is created on first use (from the guarded main), so importing the metrics module in a spawned child starts nothing
import argparse
import sys

from rz7kit import metricslazy
from rz7kit.metricslazy import DiarizationErrorRate


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
    try:
        print("DER", round(evaluate(pairs), 3))
    finally:
        metricslazy.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

# family: guard
# hazard: none
# line: none
# files: r15kit/emd.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/laszukdawid/PyEMD/issues/31 -- the fix for this report: the same EEMD example with its work under the "if __name__ == '__main__':" idiom the error message names, so a spawned pool worker that re-imports the script only defines names
import math
import sys

from r15kit.emd import EEMD


def make_signal(n):
    return [math.sin(2 * math.pi * 3 * t / n) + 0.5 * math.sin(2 * math.pi * 11 * t / n)
            for t in range(n)]


def main():
    n = 64
    signal = make_signal(n)
    eemd = EEMD(trials=8, max_imf=2)
    eIMFs = eemd(signal)
    reconstructed = [sum(imf[j] for imf in eIMFs) for j in range(n)]
    error = max(abs(r - s) for r, s in zip(reconstructed, signal))
    print(f"RESULT={len(eIMFs)}:{error < 0.2}")
    return 0 if len(eIMFs) == 3 and error < 0.2 else 3


if __name__ == "__main__":
    sys.exit(main())

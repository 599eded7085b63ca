# family: results
# hazard: none
# line: none
# files: r21kit/c3_composable.py r21kit/c3_results.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cogent3/cogent3/issues/75 -- the fix in commit 83ea4f6 ("BUG: clases that implement a __new__ method required more work for pickling support, fixes #75"): NotCompletedResult keeps its constructor arguments in _persistent and returns them from __getnewargs_ex__, so the not-completed results cross back from the workers and are counted
"""Filter aligned sequences by gap fraction with a cogent3-style app, in parallel."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r21kit.c3_composable import ComposableApp, read_records
from r21kit.c3_results import NotCompletedResult

ALIGNMENT = [
    "human\tACGT-ACGTACGT",
    "mouse\tACGTTACG-ACGT",
    "rat\t----------ACG",
    "dog\tACGTTACGTACGT",
    "cat\t-------ACGT--",
]


class OmitGapRuns(ComposableApp):
    """Drop sequences whose gap fraction exceeds a threshold (cogent3 omit_gap_seqs)."""

    not_completed = NotCompletedResult

    def __init__(self, allowed_frac: float = 0.5) -> None:
        super().__init__("omit_gap_runs")
        self.allowed_frac = allowed_frac

    def main(self, data):
        gaps = data.seq.count("-")
        frac = gaps / len(data.seq)
        if frac > self.allowed_frac:
            raise ValueError(f"{data.name}: gap fraction {frac:.2f} > {self.allowed_frac}")
        return (data.name, len(data.seq) - gaps)


def summarise(results):
    kept = {}
    failed = []
    for res in results:
        if isinstance(res, NotCompletedResult) or not res:
            failed.append(str(res))
        else:
            name, length = res
            kept[name] = length
    return kept, failed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--allowed", type=float, default=0.5)
    args = parser.parse_args(argv)
    records = read_records(ALIGNMENT, source="brca1.tsv")
    app = OmitGapRuns(args.allowed)
    with ProcessPoolExecutor(max_workers=args.workers) as executor:
        results = list(executor.map(app, records))
    kept, failed = summarise(results)
    print(f"RESULT=kept:{sorted(kept.items())} failed:{len(failed)}")
    return 0 if len(failed) == 2 else 3


if __name__ == "__main__":
    sys.exit(main())

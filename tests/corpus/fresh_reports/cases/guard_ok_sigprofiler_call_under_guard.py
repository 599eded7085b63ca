# family: guard
# hazard: none
# line: none
# files: sigkit/__init__.py sigkit/extractor.py
# expect: fork=ok spawn=ok forkserver=ok
# note: The answer in https://github.com/SigProfilerSuite/SigProfilerExtractor/issues/121 (call the extractor under the `if __name__ == "__main__":` idiom): the spawned workers re-import the script without starting the extraction again.
"""Extract signatures from a small mutation matrix."""
from sigkit import extractor

MATRIX = [
    [3, 0, 1, 4],
    [1, 1, 0, 2],
    [0, 5, 2, 1],
]


def main():
    print("extracting")
    result = extractor.sigProfilerExtractor("matrix", "results", MATRIX, minimum_signatures=1, maximum_signatures=2)
    print("RESULT=%s" % sorted(result["best"]))


if __name__ == "__main__":
    main()

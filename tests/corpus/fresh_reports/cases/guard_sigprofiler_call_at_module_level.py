# family: guard
# hazard: missing-main-guard
# line: 18
# files: sigkit/__init__.py sigkit/extractor.py
# timeout: 15
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: Shape of https://github.com/SigProfilerSuite/SigProfilerExtractor/issues/121 ("RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase"; the maintainers: "Please reopen the ticket if you are still experiencing any issues after including the `if __name__ == 'main':` idiom"): the user's script calls the library's extractor, which starts a Pool, at module level.
"""Extract signatures from a small mutation matrix."""
from sigkit import extractor

MATRIX = [
    [3, 0, 1, 4],
    [1, 1, 0, 2],
    [0, 5, 2, 1],
]

print("extracting")
result = extractor.sigProfilerExtractor("matrix", "results", MATRIX, minimum_signatures=1, maximum_signatures=2)
print("RESULT=%s" % sorted(result["best"]))

# family: joblib
# hazard: unpicklable-callable
# line: 31
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 40
# note: joblib/joblib#634 ("New backend fails if logger set up with additional handlers"): a task in the main script writes to a module-level open file; loky's cloudpickle copies the function by value together with that file object, which cannot be pickled.
"""Score documents and append an audit line per document."""
import os
import sys
import tempfile

from joblib import Parallel, delayed

AUDIT_PATH = os.path.join(tempfile.gettempdir(), "audit.log")
AUDIT = open(AUDIT_PATH, "a")


def score(doc_id, text):
    words = text.split()
    value = len(set(words)) / max(len(words), 1)
    AUDIT.write(f"{doc_id}\t{value:.3f}\n")
    return doc_id, round(value, 3)


def main():
    docs = {
        "d1": "the cat sat on the mat",
        "d2": "a b c d",
        "d3": "spam spam spam eggs",
    }
    scored = Parallel(n_jobs=2)(delayed(score)(k, v) for k, v in docs.items())
    AUDIT.flush()
    print(f"RESULT={dict(scored)}")
    if len(scored) != 3:
        sys.exit(3)


if __name__ == "__main__":
    main()

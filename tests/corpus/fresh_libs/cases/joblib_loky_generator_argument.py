# family: joblib
# hazard: unpicklable-argument
# line: 36 37
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 40
# note: A log parser hands each worker a lazy generator of lines instead of a list; neither pickle nor cloudpickle can serialise a generator ("cannot pickle 'generator' object"), so even loky fails under every method. Shape of https://github.com/swansonk14/p_tqdm/issues/3 ("it can't pickle generators") and https://github.com/joblib/joblib/issues/718 (ogrisel: "joblib relies on pickling for inter-process communication").
"""Count HTTP status classes per log file."""
import io
from collections import Counter

from joblib import Parallel, delayed

LOGS = {
    "web-1.log": "GET / 200\nGET /a 404\nPOST /b 500\nGET /c 200\n",
    "web-2.log": "GET / 301\nGET /x 200\nGET /y 200\n",
    "web-3.log": "DELETE /z 403\nGET / 200\n",
}


def lines_of(name):
    for line in io.StringIO(LOGS[name]):
        line = line.strip()
        if line:
            yield line


def status_classes(name, lines):
    counts = Counter()
    for line in lines:
        status = line.rsplit(" ", 1)[-1]
        counts[status[0] + "xx"] += 1
    return name, counts


def main():
    jobs = (delayed(status_classes)(name, lines_of(name)) for name in LOGS)
    results = Parallel(n_jobs=2)(jobs)
    total = sum((c for _, c in results), Counter())
    print("RESULT=" + str(dict(sorted(total.items()))))


if __name__ == "__main__":
    main()

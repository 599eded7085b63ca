# family: start_method
# hazard: set-start-method-misuse
# line: 10
# timeout: 8
# expect: fork=context_already_set+hang spawn=context_already_set+hang forkserver=context_already_set+hang
# note: httprunner's loader module called multiprocessing.set_start_method at import time; running a yml testcase then failed with "context has already been set", and commenting the line out fixed it (https://github.com/httprunner/httprunner/issues/1084)
import multiprocessing
import sys

multiprocessing.set_start_method("spawn")

TESTCASES = {"login.yml": ["POST /login", "GET /me"], "logout.yml": ["POST /logout"]}


def run_testcase(name):
    steps = TESTCASES[name]
    return name, len(steps)


class HttpRunner:
    def __init__(self, workers=2):
        self.workers = workers

    def run_path(self, names):
        with multiprocessing.Pool(self.workers) as pool:
            return dict(pool.map(run_testcase, names))


if __name__ == "__main__":
    summary = HttpRunner().run_path(sorted(TESTCASES))
    print("RESULT=%s" % summary)
    sys.exit(0)

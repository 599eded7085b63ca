# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix from httprunner #1084: the start method is set only by the entry point, under the main guard (with force=True so a host that set it first does not fail) (https://github.com/httprunner/httprunner/issues/1084)
import multiprocessing
import sys

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
    multiprocessing.set_start_method("spawn", force=True)
    summary = HttpRunner().run_path(sorted(TESTCASES))
    print("RESULT=%s" % summary)
    sys.exit(0)

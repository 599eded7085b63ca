# family: mainblock
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: stackoverflow.com/questions/61860800 -- the answer's fix: the function is defined at module level (importable by the worker) and only the submission stays under the main guard.
from concurrent.futures import ProcessPoolExecutor


class JobRunner:
    def __init__(self, max_workers=1):
        self.executor = ProcessPoolExecutor(max_workers=max_workers)

    def run(self, fn, *args):
        future = self.executor.submit(fn, *args)
        return future.result(timeout=15)

    def close(self):
        self.executor.shutdown()


def func(x):
    return x * x


if __name__ == "__main__":
    runner = JobRunner()
    try:
        print("RESULT=%s" % runner.run(func, 7))
    finally:
        runner.close()

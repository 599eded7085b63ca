# family: mainblock
# hazard: target-in-main-block
# line: 14
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: stackoverflow.com/questions/61860800 -- a function defined where the child cannot import it (typed in IPython, here under the main guard) is submitted to a ProcessPoolExecutor; the spawned worker fails with "Can't get attribute 'func' on <module '__mp_main__'>" and the pool breaks (BrokenProcessPool).
from concurrent.futures import ProcessPoolExecutor


class JobRunner:
    def __init__(self, max_workers=1):
        self.executor = ProcessPoolExecutor(max_workers=max_workers)

    def run(self, fn, *args):
        future = self.executor.submit(fn, *args)
        return future.result(timeout=15)

    def close(self):
        self.executor.shutdown()


if __name__ == "__main__":
    def func(x):
        return x * x

    runner = JobRunner()
    try:
        print("RESULT=%s" % runner.run(func, 7))
    finally:
        runner.close()

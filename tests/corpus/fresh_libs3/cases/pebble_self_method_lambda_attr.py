# family: callable
# hazard: unpicklable-callable
# line: 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 10
# note: shape of https://github.com/noxdafox/pebble/issues/146 (a processor whose bound method is scheduled on a pebble ProcessPool while the instance holds a lambda attribute)
from pebble import ProcessPool


class TestProcessor:
    def __init__(self):
        self._my_lambda = lambda: 10
        self.prefix = "data"

    def task_runner(self, task):
        return f"{self.prefix}: {task}"

    def process_via_pebble(self):
        results = []
        with ProcessPool(max_workers=2) as pool:
            futures = [pool.schedule(self.task_runner, args=(t,), timeout=5) for t in ("task1", "task2")]
            for future in futures:
                results.append(future.result())
        return results


def main():
    out = TestProcessor().process_via_pebble()
    print("RESULT=" + ";".join(out))


if __name__ == "__main__":
    main()

# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 10
# note: near miss of https://github.com/noxdafox/pebble/issues/146: the processor keeps only plain data, so its bound method pickles and the pool works
from pebble import ProcessPool


class TestProcessor:
    def __init__(self, prefix):
        self.prefix = prefix
        self.seen = []

    def task_runner(self, task):
        return f"{self.prefix}: {task}"

    def process_via_pebble(self):
        with ProcessPool(max_workers=2) as pool:
            futures = [pool.schedule(self.task_runner, args=(t,), timeout=5) for t in ("task1", "task2")]
            self.seen = [f.result() for f in futures]
        return self.seen


def main():
    out = TestProcessor("data").process_via_pebble()
    print("RESULT=" + ";".join(out))


if __name__ == "__main__":
    main()

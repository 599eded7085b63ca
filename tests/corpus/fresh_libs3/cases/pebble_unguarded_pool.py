# family: guard
# hazard: missing-main-guard
# line: 26
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 10
# note: shape of https://github.com/noxdafox/pebble/issues/60 (a pebble ProcessPool driven from a script's top level, `Tester().run()` with no main guard)
from pebble import ProcessPool


def run_one(v):
    return v * 2


class Tester:
    def __init__(self, values):
        self.values = values
        self.futures = []

    def run(self):
        with ProcessPool(max_workers=2) as pool:
            for v in self.values:
                self.futures.append(pool.schedule(run_one, args=[v]))
            return [f.result() for f in self.futures]


out = Tester([1, 2, 3]).run()
print("RESULT=" + str(sum(out)))

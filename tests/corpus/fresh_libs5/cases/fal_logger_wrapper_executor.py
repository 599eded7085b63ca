# family: callable
# hazard: unpicklable-callable
# line: 23
# files: l5kit/logs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/fal-ai/dbt-fal/pull/777 -- "handling the logger in isolated scripts": a wrapper holding `logging.Logger("fal", logging.INFO)` (made directly, not through getLogger) cannot be pickled: "PicklingError: logger cannot be pickled".
from concurrent.futures import ProcessPoolExecutor

from l5kit.logs import FalLogger


class ScriptRunner:
    def __init__(self, logger):
        self.logger = logger

    def run_model(self, name):
        self.logger.info("running %s" % name)
        return name.upper()


def run_all(runner, models):
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(runner.run_model, name) for name in models]
        return [future.result() for future in futures]


if __name__ == "__main__":
    runner = ScriptRunner(FalLogger())
    print("RESULT=%s" % ",".join(run_all(runner, ["orders", "customers"])))

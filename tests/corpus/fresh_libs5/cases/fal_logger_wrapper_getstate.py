# family: callable
# hazard: none
# line: none
# files: l5kit/logs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/fal-ai/dbt-fal/pull/777 -- the PR's fix: __getstate__ stores the logger's name and __setstate__ makes the Logger again, so the runner's bound method can be submitted.
from concurrent.futures import ProcessPoolExecutor

from l5kit.logs import PicklableFalLogger


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
    runner = ScriptRunner(PicklableFalLogger())
    print("RESULT=%s" % ",".join(run_all(runner, ["orders", "customers"])))

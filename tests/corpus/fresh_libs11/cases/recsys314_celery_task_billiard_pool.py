# family: daemon
# hazard: none
# line: none
# files: l11kit/sarses.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cyfronet-fid/recommender-system/issues/314 -- near miss: the fix (PR #313, "fix multiprocessing in celery") takes the pool from billiard, whose processes may start children inside a prefork worker
"""Run the RL training update as a Celery-style task on a prefork worker, with billiard's pool."""
import billiard

from l11kit import sarses

RL_PIPELINE_CONFIG = {
    "multi_processing": True,
    "pool_cls": billiard.Pool,
    "cpu_n": 2,
}


class DataExtractionStep:
    def __init__(self, config):
        self.config = config

    def __call__(self, journeys):
        if not self.config["multi_processing"]:
            return [s for j in journeys for s in sarses.sars_for_user(j)]
        with self.config["pool_cls"](self.config["cpu_n"]) as pool:
            chunks = pool.map(sarses.sars_for_user, journeys)
        return [s for chunk in chunks for s in chunk]


def update_task(n_users):
    """The body of the Celery task behind the /update endpoint."""
    step = DataExtractionStep(RL_PIPELINE_CONFIG)
    return len(step(sarses.load_journeys(n_users)))


def main():
    with sarses.prefork_worker_pool(1) as worker:
        total = worker.apply(update_task, (6,))
    print(f"RESULT={total}")


if __name__ == "__main__":
    main()

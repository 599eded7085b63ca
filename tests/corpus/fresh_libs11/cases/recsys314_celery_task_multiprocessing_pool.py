# family: daemon
# hazard: pool-in-celery-prefork-worker
# line: 26 39
# files: l11kit/sarses.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/cyfronet-fid/recommender-system/issues/314 -- "Multiprocessing module cannot be used along with Celery": the /update task runs the RL pipeline, whose SARS generation opens multiprocessing.Pool(cpu_n) inside a prefork (billiard) worker and fails with "AssertionError: daemonic processes are not allowed to have children"; here the pool class comes from the pipeline config dict
"""Run the RL training update as a Celery-style task on a prefork worker."""
import multiprocessing

from l11kit import sarses

RL_PIPELINE_CONFIG = {
    "multi_processing": True,
    "pool_cls": multiprocessing.Pool,
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

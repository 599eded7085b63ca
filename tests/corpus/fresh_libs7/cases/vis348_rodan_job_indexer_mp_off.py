# family: threads
# hazard: none
# line: none
# files: l7kit/vis_indexer.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ELVIS-Project/vis-framework/issues/348 -- the requested fix: an option to turn vis's multiprocessing off; the Rodan job passes `mp: False` in the indexer settings, so the indexer computes in the daemonic Celery (billiard) worker itself and never makes a Pool there
import json

import billiard

from l7kit.vis_indexer import IntervalIndexer

SCORE = [
    [72, 74, 76, 77, 79, 77, 76, 74],
    [64, 65, 67, 69, 67, 65, 64, 62],
    [48, 50, 52, 53, 55, 53, 52, 50],
]


class RodanTask:
    """The part of rodan.jobs.base.RodanTask that a job class overrides."""
    name = "base"
    settings = {}

    def run(self, inputs, arg_outputs=None):
        return self.run_my_task(inputs, dict(self.settings), arg_outputs or {})

    def run_my_task(self, inputs, settings, outputs):
        raise NotImplementedError


class VerticalIntervalIndexerJob(RodanTask):
    name = "vis.vertical_interval_indexer"
    settings = {"quality": True, "mp": False}

    def run_my_task(self, inputs, settings, outputs):
        vertical_intervals = IntervalIndexer(inputs["score"], settings).run()
        outputs["intervals"] = vertical_intervals
        return json.dumps(outputs)


JOBS = {VerticalIntervalIndexerJob.name: VerticalIntervalIndexerJob}


def execute_job(job_name, inputs):
    """What the worker does with a task message: look the job up and run it."""
    return JOBS[job_name]().run(inputs)


def main():
    # the Celery worker's prefork pool: daemonic billiard processes run the task messages
    worker_pool = billiard.Pool(processes=1)
    try:
        result = worker_pool.apply(execute_job, (VerticalIntervalIndexerJob.name, {"score": SCORE}))
        print("RESULT=", json.loads(result)["intervals"]["count"])
    finally:
        worker_pool.terminate()
        worker_pool.join()


if __name__ == "__main__":
    main()

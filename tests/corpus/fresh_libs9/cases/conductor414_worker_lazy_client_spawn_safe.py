# family: args
# hazard: none
# line: none
# files: l9kit/conductor.py
# timeout: 30
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/conductor-oss/python-sdk/pull/414 -- the PR's fix ("Make @worker_task workers spawn-safe"): Worker builds its ApiClient lazily in the worker process and __getstate__ drops the client and the lock (recreated in __setstate__), so TaskHandler's Process(args=(worker, ...)) pickles under spawn and forkserver too
"""A conductor worker app: two @worker_task functions served by TaskHandler processes."""
import logging
import sys

from l9kit.conductor import Configuration, TaskHandler, worker_task

logging.disable(logging.CRITICAL)


@worker_task(task_definition_name="greet")
def greet(name: str) -> str:
    return f"hello {name}"


@worker_task(task_definition_name="word_count")
def word_count(text: str) -> int:
    return len(text.split())


JOBS = [
    ("t1", "greet", {"name": "ada"}),
    ("t2", "word_count", {"text": "workflows are made of tasks"}),
    ("t3", "greet", {"name": "bob"}),
]


def run_jobs(handler, jobs):
    for task_id, name, task_input in jobs:
        handler.submit(task_id, name, task_input)
    done = handler.collect(len(jobs))
    return {task_id: output for task_id, _name, output in sorted(done)}


def main() -> int:
    configuration = Configuration()
    with TaskHandler(configuration=configuration, scan_for_annotated_workers=True) as handler:
        handler.start_processes()
        outputs = run_jobs(handler, JOBS)
    print(outputs)
    print(f"RESULT={outputs['t1']}|{outputs['t2']}|{outputs['t3']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

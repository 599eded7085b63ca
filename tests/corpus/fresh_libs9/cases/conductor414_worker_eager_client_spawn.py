# family: args
# hazard: unpicklable-process-argument
# line: 44 l9kit/conductor_2026.py:73 l9kit/conductor_2026.py:80 l9kit/conductor_2026.py:43
# files: l9kit/conductor_2026.py
# timeout: 30
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/conductor-oss/python-sdk/pull/414 -- "The documented escape hatch CONDUCTOR_MP_START_METHOD=spawn failed immediately with TypeError: cannot pickle '_thread.lock' object": Worker.__init__ eagerly built ApiClient (whose REST client holds a _reset_lock) and kept a raw _pending_tasks_lock, and TaskHandler passes each Worker to its multiprocessing.Process; under fork (the SDK's forced default) nothing is pickled
"""A conductor worker app: two @worker_task functions served by TaskHandler processes."""
import logging
import sys

from l9kit.conductor_2026 import Configuration, TaskHandler, worker_task

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

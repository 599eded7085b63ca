# family: dataclass
# hazard: unpicklable-argument
# line: 33 34 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/apache/airflow/pull/7128 ("[AIRFLOW-6529] Pickle error occurs when the scheduler tries to run on macOS": `self.mock_task_results = defaultdict(lambda: State.SUCCESS)` on an executor passed to a sub-process; the fix replaced the lambda). Here the lambda is hidden one level down: the dataclass field's default_factory (never pickled itself) builds a defaultdict whose default factory is a lambda, and the state object goes to Process(args=...); spawn/forkserver fail.
"""A toy task scheduler: one executor process runs the tasks and reports states."""
import multiprocessing
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class RunState:
    run_id: str
    status: dict = field(default_factory=lambda: defaultdict(lambda: "queued"))
    retries: int = 0

    def mark(self, task, state):
        self.status[task] = state


def execute(state, tasks, results):
    for task in tasks:
        state.mark(task, "success" if not task.startswith("flaky") else "failed")
    results.put({task: state.status[task] for task in tasks})


def schedule(run_id, tasks):
    state = RunState(run_id)
    for task in tasks:
        state.status[task]  # touch: every task starts as "queued"
    results = multiprocessing.Queue()
    executor = multiprocessing.Process(target=execute, args=(state, tasks, results))
    executor.start()
    outcome = results.get(timeout=10)
    executor.join(5)
    return outcome


def main():
    outcome = schedule("manual__2026-12-04", ["extract", "transform", "flaky_load"])
    print("RESULT=%s" % sorted(outcome.items()))


if __name__ == "__main__":
    main()

# family: lifecycle
# hazard: broken-pool-reused
# line: 38 45
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/temporalio/sdk-python/issues/245 -- "BrokenProcessPool completely disables ProcessPoolExecutor": once one activity process is killed, the worker keeps submitting every later activity to the same broken executor and each fails at once; reduced to a worker loop that logs failures and reuses its executor
import concurrent.futures
import logging
import os
import signal
import sys
from dataclasses import dataclass

log = logging.getLogger("worker")


@dataclass
class ComposeGreetingInput:
    greeting: str
    name: str
    crash: bool = False


def compose_greeting(inp):
    if inp.crash:
        os.kill(os.getpid(), signal.SIGKILL)
    return f"{inp.greeting}, {inp.name}!"


class ActivityWorker:
    def __init__(self, max_workers=2):
        self.max_workers = max_workers
        self.executor = concurrent.futures.ProcessPoolExecutor(max_workers)

    def shutdown(self):
        self.executor.shutdown(wait=True)

    def execute(self, fn, inp):
        fut = self.executor.submit(fn, inp)
        return fut.result(timeout=10)

    def run_all(self, tasks):
        done = []
        for inp in tasks:
            try:
                done.append(self.execute(compose_greeting, inp))
            except concurrent.futures.process.BrokenProcessPool as exc:
                log.warning("activity for %s failed: %s", inp.name, type(exc).__name__)
        return done


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    tasks = [ComposeGreetingInput("Hello", "a"), ComposeGreetingInput("Hello", "b", crash=True),
             ComposeGreetingInput("Hello", "c"), ComposeGreetingInput("Hello", "d")]
    worker = ActivityWorker()
    try:
        done = worker.run_all(tasks)
    finally:
        worker.shutdown()
    print(f"RESULT={done}")
    sys.exit(0 if done == ["Hello, a!", "Hello, c!", "Hello, d!"] else 3)

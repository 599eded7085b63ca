# family: lifecycle
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/temporalio/sdk-python/issues/245 -- the fix: when an activity fails with BrokenProcessPool the worker replaces its ProcessPoolExecutor, so the activities after the killed one run again
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
                log.warning("activity for %s failed: %s; replacing the executor", inp.name,
                            type(exc).__name__)
                self.executor.shutdown(wait=False)
                self.executor = concurrent.futures.ProcessPoolExecutor(self.max_workers)
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

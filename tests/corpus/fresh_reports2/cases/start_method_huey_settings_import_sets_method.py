# family: start_method
# hazard: set-start-method-twice
# line: 16 hueykit/settings.py:4
# files: hueykit/__init__.py hueykit/settings.py hueykit/consumer.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/coleifer/huey/pull/592 (`run_huey` raised "RuntimeError: context has already been set" on macOS; the maintainer: "Are you setting the multiprocessing context somewhere else in your application as an import-time side-effect?", the reporter: "Perhaps another module is setting multiprocessing context"): the management command imports the project settings, which set the start method at import time, and then sets it itself before starting the consumer.
"""Management command: run the task consumer with the project's settings."""
import multiprocessing
import sys

from hueykit import settings
from hueykit.consumer import Consumer


def run_huey():
    multiprocessing.set_start_method("fork")
    consumer = Consumer(**{k: v for k, v in settings.HUEY.items() if k != "name"})
    return consumer.run([("add", (1, 2)), ("sum", (3, 4, 5))])


if __name__ == "__main__":
    print("RESULT=%s" % run_huey())
    sys.exit(0)

# family: start_method
# hazard: none
# line: none
# files: hueykit/__init__.py hueykit/settings.py hueykit/consumer.py
# win32: error:ValueError
# expect: fork=ok spawn=ok forkserver=ok
# note: The change proposed in https://github.com/coleifer/huey/pull/592 ("The try/except could mitigate this without major impact"): the management command still imports settings that set the start method at import time, but tolerates the context being already set.
"""Management command: run the task consumer with the project's settings."""
import multiprocessing
import sys

from hueykit import settings
from hueykit.consumer import Consumer


def run_huey():
    try:
        multiprocessing.set_start_method("fork")
    except RuntimeError:
        pass
    consumer = Consumer(**{k: v for k, v in settings.HUEY.items() if k != "name"})
    return consumer.run([("add", (1, 2)), ("sum", (3, 4, 5))])


if __name__ == "__main__":
    print("RESULT=%s" % run_huey())
    sys.exit(0)

# family: pebble
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: pebble's documented decorator pattern, `@concurrent.process(timeout=...)` on a module-level function, called under the main guard. Under spawn the child finds the decorated function by its name in the re-imported module, which works because it is defined at module level. pebble docs, "concurrent.process" (https://pebble.readthedocs.io/en/latest/#concurrent-decorators); the decorated function must be importable by name, as for any multiprocessing target (https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods).
"""Run a possibly slow regular expression search with a hard timeout."""
import re
from concurrent.futures import TimeoutError

from pebble import concurrent

TEXTS = {
    "short": "aaaa!",
    "medium": "a" * 12 + "!",
    "ok": "hello world, all good",
}


@concurrent.process(timeout=10)
def risky_match(pattern, text):
    return bool(re.match(pattern, text))


def check(texts, pattern=r"^(a+)+$"):
    verdicts = {}
    for name, text in texts.items():
        future = risky_match(pattern, text)
        try:
            verdicts[name] = future.result()
        except TimeoutError:
            verdicts[name] = "timeout"
    return verdicts


if __name__ == "__main__":
    verdicts = check(TEXTS)
    for name, verdict in verdicts.items():
        print(f"{name:>7}: {verdict}")
    print("RESULT=" + str(sorted(verdicts.items())))

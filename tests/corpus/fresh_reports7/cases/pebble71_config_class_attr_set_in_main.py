# family: globals
# hazard: parent-state-not-inherited
# line: r7kit/settings.py:10 23
# files: r7kit/settings.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/noxdafox/pebble/issues/71 -- main.py set Config.some_var = True and the pool's function printed it: True on Linux, False on Windows, because spawned workers import config.py afresh
import concurrent.futures
import sys

from r7kit import settings


def render(n):
    return round(n * settings.Config.scale, 2), settings.Config.label


def run_test(values):
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(render, values, timeout=10))


def main():
    settings.configure(scale=2.5, label="calibrated")
    results = run_test([1, 2, 3])
    labels = sorted({label for _, label in results})
    print("RESULT=" + ",".join(labels) + ":" + ",".join(str(v) for v, _ in results))
    sys.exit(0 if labels == ["calibrated"] else 3)


if __name__ == "__main__":
    main()

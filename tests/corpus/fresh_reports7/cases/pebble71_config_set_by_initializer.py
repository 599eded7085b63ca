# family: globals
# hazard: none
# line: none
# files: r7kit/settings.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/noxdafox/pebble/issues/71 -- the documented remedy: each worker process gets the settings explicitly, here through the executor's initializer, so Config holds the parent's values on every platform
import concurrent.futures
import sys

from r7kit import settings


def render(n):
    return round(n * settings.Config.scale, 2), settings.Config.label


def run_test(values, scale, label):
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=2, initializer=settings.configure, initargs=(scale, label)
    ) as pool:
        return list(pool.map(render, values, timeout=10))


def main():
    settings.configure(scale=2.5, label="calibrated")
    results = run_test([1, 2, 3], settings.Config.scale, settings.Config.label)
    labels = sorted({label for _, label in results})
    print("RESULT=" + ",".join(labels) + ":" + ",".join(str(v) for v, _ in results))
    sys.exit(0 if labels == ["calibrated"] else 3)


if __name__ == "__main__":
    main()

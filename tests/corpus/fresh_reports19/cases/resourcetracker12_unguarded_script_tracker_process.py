# family: guard
# hazard: library-starts-process-from-unguarded-script
# line: 36 r23kit/tracker.py:23 r23kit/tracker.py:26
# files: r23kit/tracker.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/SpareCores/resource-tracker/pull/12 -- "quickfix attempt at Windows tracker start without name==main guard": a user script that creates a ResourceTracker and starts it at module level, without `if __name__ == "__main__"`, fails on Windows, because the tracker's multiprocessing.Process re-imports the script under spawn and the re-imported script starts the tracker again ("An attempt has been made to start a new process before the current process has finished its bootstrapping phase"); "This fork vs. spawn problem was new for me"
"""Benchmark a small workload while the resource tracker samples CPU and memory (a user's tracking script)."""
import time

from r23kit.tracker import ResourceTracker


def workload(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) % 1_000_003
    return acc


def checksum(values):
    total = 0
    for v in values:
        total = (total + v) % 65_521
    return total


def summarise(stats, value):
    """What the script reports: the workload's value and whether the tracker produced a sample count."""
    report = {"value": value, "tracked": stats["samples"] >= 0}
    report["rate"] = stats["samples"] / 0.2 if stats["samples"] else 0.0
    return report


print("starting tracker")
tracker = ResourceTracker(interval=0.02)
tracker.start()
value = workload(200_000)
value = value + checksum(range(100)) - checksum(range(100))
time.sleep(0.2)
stats = tracker.stop()
summary = summarise(stats, value)
print(f"RESULT={summary['value']}:{summary['tracked']}")

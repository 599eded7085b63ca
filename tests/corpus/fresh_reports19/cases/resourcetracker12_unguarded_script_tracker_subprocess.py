# family: guard
# hazard: none
# line: none
# files: r23kit/tracker_subprocess.py r23kit/tracker_worker.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/SpareCores/resource-tracker/pull/12 -- the library-side fix that lets the same unguarded script work ("I tested this on Win, worked perfectly without if __name__ == '__main__': main()"): the tracker starts its workers as separate interpreters running a worker module (subprocess.Popen([sys.executable, "-m", "resource_tracker._tracker_worker", ...]), tests/test_tracker_windows.py), so nothing re-imports the user's script
"""Benchmark a small workload while the resource tracker samples CPU and memory (a user's tracking script)."""
import time

from r23kit.tracker_subprocess import ResourceTracker


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

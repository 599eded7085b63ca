"""Where the test suite's time goes: wall time and CPU per test, written as each test ends (a run that is stopped
still leaves what it measured), then summed per file.

    DURLOG=/tmp/times.txt PYTHONPATH=scripts python -m pytest -p pytest_times ...   # measure
    python scripts/pytest_times.py /tmp/times.txt [N]                               # the N slowest files

CPU is the user and system time of pytest and of the children it waited for during the test: a test whose wall
time is far above its CPU waits (hang bounds, children starting) rather than computes. Session 25 used it to find
the runtime proofs whose waits decided nothing (docs/python-3.14.md)."""
from __future__ import annotations

import collections
import os
import resource
import sys
import time

_started: dict = {}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pytest_runtest_logstart(nodeid, location):
    _started[nodeid] = (time.perf_counter(), _cpu())


def pytest_runtest_logfinish(nodeid, location):
    started = _started.pop(nodeid, None)
    if started is None or not os.environ.get("DURLOG"):
        return
    with open(os.environ["DURLOG"], "a", encoding="utf-8") as out:
        out.write(f"{time.perf_counter() - started[0]:.3f} {_cpu() - started[1]:.3f} {nodeid}\n")


def summary(path: str, top: int = 30) -> str:
    wall, cpu, tests = collections.Counter(), collections.Counter(), collections.Counter()
    for line in open(path, encoding="utf-8"):
        seconds, used, nodeid = line.split(" ", 2)
        name = nodeid.split("::")[0]
        wall[name] += float(seconds)
        cpu[name] += float(used)
        tests[name] += 1
    rows = [f"total wall {sum(wall.values()):.0f} s, cpu {sum(cpu.values()):.0f} s, {sum(tests.values())} tests",
            "    wall      cpu  tests  file"]
    rows += [f"{seconds:8.1f} {cpu[name]:8.1f} {tests[name]:6d}  {name}" for name, seconds in wall.most_common(top)]
    return "\n".join(rows)


if __name__ == "__main__":
    print(summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30))

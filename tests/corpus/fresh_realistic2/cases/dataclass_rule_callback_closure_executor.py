# family: dataclass
# hazard: unpicklable-callable
# line: 47 49
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/pylint-dev/pylint-django/issues/276 ("AttributeError: Can't pickle local object 'augment_visit.<locals>.augment_func'": a closure made by a helper rides inside an object handed to the workers). An alerting tool's Rule dataclass holds a `check` callable built by make_threshold(limit), a nested function; rules are submitted to a ProcessPoolExecutor, which pickles them under every start method.
"""Evaluate alert rules against the latest metrics in a process pool.

Usage: check_alerts.py [--cpu-limit N]
"""
import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable

METRICS = {"cpu": [35, 80, 97], "disk": [55, 56, 58], "errors": [0, 3, 12]}


def make_threshold(limit):
    def check(values):
        return max(values) > limit
    return check


@dataclass
class Rule:
    metric: str
    check: Callable
    severity: str = "warning"


def evaluate(rule):
    fired = rule.check(METRICS[rule.metric])
    return rule.metric, rule.severity, fired


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpu-limit", type=int, default=90)
    args = parser.parse_args()

    rules = [
        Rule("cpu", make_threshold(args.cpu_limit), "critical"),
        Rule("disk", make_threshold(90)),
        Rule("errors", make_threshold(10)),
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(evaluate, rule) for rule in rules]
        for future in futures:
            print(future.result())


if __name__ == "__main__":
    main()

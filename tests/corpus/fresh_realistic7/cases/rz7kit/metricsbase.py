"""Shared state for metric accumulators (mirrors a metrics package __init__)."""
from multiprocessing import Manager

manager_ = Manager()
_shared = manager_.dict()


class DiarizationErrorRate:
    def __init__(self, name="der"):
        self.name = name
        self.totals = _shared

    def __call__(self, reference, hypothesis):
        missed = len(set(reference) - set(hypothesis))
        false_alarm = len(set(hypothesis) - set(reference))
        value = (missed + false_alarm) / max(len(reference), 1)
        self.totals[self.name] = self.totals.get(self.name, 0.0) + value
        return value

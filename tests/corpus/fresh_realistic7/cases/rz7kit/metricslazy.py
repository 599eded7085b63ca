"""Metric accumulators whose shared Manager is created on first use."""
from multiprocessing import Manager

_manager = None
_shared = None


def shared_totals():
    global _manager, _shared
    if _shared is None:
        _manager = Manager()
        _shared = _manager.dict()
    return _shared


def shutdown():
    if _manager is not None:
        _manager.shutdown()


class DiarizationErrorRate:
    def __init__(self, name="der"):
        self.name = name
        self.totals = shared_totals()

    def __call__(self, reference, hypothesis):
        missed = len(set(reference) - set(hypothesis))
        false_alarm = len(set(hypothesis) - set(reference))
        value = (missed + false_alarm) / max(len(reference), 1)
        self.totals[self.name] = self.totals.get(self.name, 0.0) + value
        return value

"""Procedures the worker runs (module level, so they pickle by name)."""
import time


class RampProcedure:
    """A measurement procedure: a sweep of set points."""

    def __init__(self, points):
        self.points = list(points)
        self.results = []

    def execute(self, should_stop):
        for p in self.points:
            if should_stop():
                break
            self.results.append(p * 2.0)
            time.sleep(0.01)
        return self.results

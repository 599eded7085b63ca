"""Collatz helpers shared by the producer/consumer programs."""


def collatz(n):
    steps = 0
    while n > 1:
        n = n * 3 + 1 if n % 2 else n // 2
        steps += 1
    return steps


def expected_count(target, bound):
    return sum(1 for n in range(2, bound) if collatz(n) == target)


class Tally:
    """Adds up what every consumer reports."""

    def __init__(self, target):
        self.target = target
        self.per_worker = []

    def add(self, count):
        self.per_worker.append(count)
        return self

    @property
    def total(self):
        return sum(self.per_worker)

"""Module-level work functions shared by several programs."""
import os


def square_sum(rows):
    return sum(r * r for r in rows)


def fetch_bundle(resource_id):
    # stands in for an HTTP download of one FHIR bundle
    return {"id": resource_id, "entries": resource_id % 5 + 1, "pid": os.getpid()}


def batch_generator(items, batch_size):
    for start in range(0, len(items), batch_size):
        yield items[start:start + batch_size]


class BatchSequence:
    """Index-addressable replacement for a generator (picklable)."""

    def __init__(self, items, batch_size):
        self.items = list(items)
        self.batch_size = batch_size

    def __len__(self):
        return (len(self.items) + self.batch_size - 1) // self.batch_size

    def __getitem__(self, i):
        return self.items[i * self.batch_size:(i + 1) * self.batch_size]

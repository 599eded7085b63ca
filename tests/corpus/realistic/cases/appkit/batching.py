"""Batch helpers: each batch is processed with its own small pool."""
import multiprocessing


def square(x):
    return x * x


def process_batch(batch):
    """Sum of squares of one batch, computed in parallel."""
    with multiprocessing.Pool(2) as inner:
        return sum(inner.map(square, batch))


def split(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]

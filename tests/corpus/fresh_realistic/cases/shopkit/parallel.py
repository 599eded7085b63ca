"""Small parallel helpers shared by the indexers."""
import multiprocessing
import os


def pmap(func, items, processes=None):
    """Map func over items in a process pool (falls back to a loop for one item)."""
    items = list(items)
    if len(items) < 2:
        return [func(item) for item in items]
    processes = processes or min(len(items), os.cpu_count() or 1, 4)
    with multiprocessing.Pool(processes) as pool:
        return pool.map(func, items)

"""Helpers that run report steps in parallel."""
import multiprocessing


def run_parallel(func, items, workers=2):
    """Map func over items on a process pool and return the results in order."""
    with multiprocessing.Pool(workers) as pool:
        return pool.map(func, items)


def start_worker(target, *args, **kwargs):
    """Start target(*args, **kwargs) in its own process and hand the process back."""
    proc = multiprocessing.Process(target=target, args=args, kwargs=kwargs)
    proc.start()
    return proc

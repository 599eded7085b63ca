"""parallel_map, as a time-series library exposes it to its users."""
from multiprocessing import Pool


def parallel_map(func, values, args=(), kwargs=None, processors=None):
    """Apply func to every value in a pool of processes; serial when processors == 1."""
    kwargs = kwargs or {}
    if processors == 1:
        return [func(value, *args, **kwargs) for value in values]
    with Pool(processes=processors) as pool:
        pending = [pool.apply_async(func, (value,) + tuple(args), kwargs) for value in values]
        return [item.get(timeout=30) for item in pending]


def parallel_map_pooled(func, values, args=()):
    """The older entry point: always a pool, whatever the caller asks."""
    with Pool(processes=2) as pool:
        return pool.starmap(func, [(value,) + tuple(args) for value in values])

"""A thin wrapper around ProcessPoolExecutor used by several tools."""
from concurrent.futures import ProcessPoolExecutor


def run_parallel(fn, items, workers=2, **opts):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        futures = [ex.submit(fn, item, **opts) for item in items]
        return [f.result() for f in futures]

"""Ways to run the ingestion stages in several processes."""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from . import state
from .parse import scaled_total


def run_workers(target, shards, sink):
    procs = [multiprocessing.Process(target=target, args=(shard, sink)) for shard in shards]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    return [proc.exitcode for proc in procs]


def parse_all(lines, parser, workers=2):
    items = list(enumerate(lines, start=1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(parser, items))


def totals(batches, workers=2):
    with multiprocessing.Pool(workers) as pool:
        return pool.map(scaled_total, batches)


def totals_with_settings(batches, workers=2):
    with multiprocessing.Pool(workers, initializer=state.configure,
                              initargs=(state.current(),)) as pool:
        return pool.map(scaled_total, batches)

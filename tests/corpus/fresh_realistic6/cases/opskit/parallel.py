"""Thin pool helper used by the pileup stages (after MIDAS's utility.parallel)."""
from multiprocessing import Pool


def parallel(function, argument_list, threads=2):
    pool = Pool(threads)
    try:
        results = [pool.apply_async(function, args) for args in argument_list]
        return [r.get(timeout=30) for r in results]
    finally:
        pool.close()
        pool.join()

"""Extract mutational signatures: each replicate of the factorisation runs in a pool worker."""
import multiprocessing
import random


def _replicate(args):
    seed, matrix, rank = args
    rng = random.Random(seed)
    weights = [[rng.random() for _ in range(rank)] for _ in matrix]
    error = sum(abs(sum(row) - sum(w)) for row, w in zip(matrix, weights))
    return seed, round(error, 6)


def sigProfilerExtractor(input_type, output, matrix, minimum_signatures=1, maximum_signatures=2,
                         nmf_replicates=4, cpu=2):
    results = {}
    with multiprocessing.Pool(processes=cpu) as pool:
        for rank in range(minimum_signatures, maximum_signatures + 1):
            jobs = [(seed, matrix, rank) for seed in range(nmf_replicates)]
            results[rank] = min(pool.map(_replicate, jobs), key=lambda r: r[1])
    return {"input_type": input_type, "output": output, "best": results}

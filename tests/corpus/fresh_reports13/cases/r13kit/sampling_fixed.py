"""psample of r13kit.sampling with the per-chain function at module level (the chain's arguments
travel in a tuple), as the fix moved metropolis' nested functions out."""
import multiprocessing

from r13kit.sampling import sample


def _run_chain(args):
    draws, step, start, seed = args
    return sample(draws, step, start, seed)


def psample(draws, step, start=0.0, njobs=2):
    with multiprocessing.Pool(njobs) as pool:
        return pool.map(_run_chain, [(draws, step, start, seed) for seed in range(njobs)])

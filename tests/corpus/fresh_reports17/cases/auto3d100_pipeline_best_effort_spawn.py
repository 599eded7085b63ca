# family: start_method
# hazard: swallowed-set-start-method-then-fork-after-device-init
# line: 42 52 53
# files: r21kit/auto3d_device.py r21kit/auto3d_embed.py r21kit/auto3d_optim.py
# expect: fork=error:OptimizationError spawn=ok forkserver=ok
# note: https://github.com/isayevlab/Auto3D_pkg/pull/100 -- "fix: force spawn so optimization workers never fork a CUDA context": main() set the start method with a best-effort set_start_method("spawn") wrapped in `except RuntimeError: pass`, but the default-context ProcessPoolExecutor of the isomer-embedding step (parallel_embed.py) had already locked the platform default (fork on Linux), so the call raised and was swallowed and the optimisation workers were forked from a parent that had initialised its CUDA context: the workers crash and the run ends in OptimizationError("...no 3D structure converged")
"""Generate low-energy 3D structures for a list of SMILES (an Auto3D-like pipeline)."""
import argparse
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

from r21kit import auto3d_device as device
from r21kit.auto3d_embed import embed_isomers
from r21kit.auto3d_optim import OptimizationError, estimate_batch_size, optimize_chunk

SMILES = ["CCO", "c1ccccc1", "CC(=O)O", "CCN(CC)CC", "O=C=O", "CCCCCC"]


def options(argv=None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--k", type=int, default=1)
    parser.add_argument("--gpu_idx", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--opt_steps", type=int, default=3)
    parser.add_argument("--embed_workers", type=int, default=2)
    return dict(vars(parser.parse_args(argv)))


def split_chunks(structures: dict, n: int) -> list[dict]:
    chunks = [{} for _ in range(n)]
    for i, (smiles, coords) in enumerate(sorted(structures.items())):
        chunks[i % n][smiles] = coords
    return chunks


def main(args: dict) -> dict:
    # step 1: isomers and initial 3D embedding
    structures = embed_isomers(SMILES, workers=args["embed_workers"])

    # step 2: the optimisation engine must not fork a process that holds a device context
    try:
        mp.set_start_method("spawn")
    except RuntimeError:
        pass

    atoms = max(len(c) for c in structures.values())
    batch = estimate_batch_size(args["gpu_idx"][0], atoms)
    print(f"batch size per device: {batch}")

    chunks = split_chunks(structures, len(args["gpu_idx"]))
    energies, failures = {}, []
    with ProcessPoolExecutor(max_workers=len(args["gpu_idx"])) as pool:
        futures = [pool.submit(optimize_chunk, chunk, idx, args["opt_steps"])
                   for chunk, idx in zip(chunks, args["gpu_idx"])]
        for fut in futures:
            try:
                energies.update(fut.result())
            except RuntimeError as err:
                failures.append(str(err))
    if not energies:
        raise OptimizationError("The optimization engine did not run, or no 3D structure converged. "
                                f"Worker errors: {failures}")
    return energies


if __name__ == "__main__":
    result = main(options())
    print(f"RESULT=converged:{len(result)}")
    sys.exit(0 if len(result) == len(SMILES) else 3)

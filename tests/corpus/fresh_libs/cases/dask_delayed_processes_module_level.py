# family: dask
# hazard: process-started-at-import
# line: 34
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: A feature pipeline built with dask.delayed and computed with scheduler="processes" at module level. dask's process pool always uses spawn, so its workers re-import the script and reach `dask.compute` again: "An attempt has been made to start a new process before ... bootstrapping phase", wherever the script runs. Shape of https://github.com/dask/distributed/issues/2557 (muammar: dask.compute(..., scheduler='processes') moved into a class of mlchem) and the dask docs on the local processes scheduler (https://docs.dask.org/en/stable/scheduling.html).
"""Compute simple image statistics for a set of fake images."""
import random
import statistics

import dask

IMAGES = {f"img_{i:03d}": [random.Random(i).randint(0, 255) for _ in range(256)] for i in range(8)}


@dask.delayed
def load(name):
    return IMAGES[name]


@dask.delayed
def stats(pixels):
    return {"mean": statistics.fmean(pixels), "stdev": statistics.pstdev(pixels)}


@dask.delayed
def combine(named):
    return {name: round(s["mean"], 1) for name, s in named}


tasks = [dask.delayed(tuple)([name, stats(load(name))]) for name in IMAGES]
summary = combine(tasks)

(result,) = dask.compute(summary, scheduler="processes", num_workers=2)

darkest = min(result, key=result.get)
print(f"darkest image: {darkest} ({result[darkest]})")
brightest = max(result, key=result.get)
print(f"brightest image: {brightest} ({result[brightest]})")
print("RESULT=" + str(len(result)))

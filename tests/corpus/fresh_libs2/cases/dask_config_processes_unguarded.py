# family: dask
# hazard: missing-main-guard
# line: 28
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 40
# note: dask/distributed#516 (the bootstrapping RuntimeError from a script without a main guard) with the local processes scheduler chosen through dask.config.set from a settings dict at the top of a flat analysis script.
"""Flat analysis script: summary statistics of simulated sensor blocks."""
import statistics

import dask

SETTINGS = {"scheduler": "processes", "num_workers": 2}
dask.config.set(scheduler=SETTINGS["scheduler"], num_workers=SETTINGS["num_workers"])


@dask.delayed
def load_block(i):
    return [((i * 7 + j) % 11) / 10 for j in range(50)]


@dask.delayed
def summarise(block):
    return round(statistics.mean(block), 3), round(max(block), 3)


blocks = [load_block(i) for i in range(4)]
summaries = [summarise(b) for b in blocks]
results = dask.compute(*summaries)

for i, (mean, peak) in enumerate(results):
    print(f"block {i}: mean={mean} peak={peak}")
print(f"RESULT={len(results)}")

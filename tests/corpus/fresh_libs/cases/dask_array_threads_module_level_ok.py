# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: a dask.array computation at module level with no guard. Arrays and dataframes default to the threaded scheduler, so nothing is spawned and no guard is needed (dask docs: "dask.array and dask.dataframe use the threaded scheduler by default", https://docs.dask.org/en/stable/scheduling.html). Contrast with https://github.com/dask/distributed/issues/4751, where the same array code fails only because a LocalCluster was created.
"""Rolling statistics of a synthetic signal with dask.array (no cluster)."""
import math

import dask
import dask.array as da
import numpy as np

N = 20_000
signal = np.array([math.sin(i / 50.0) + 0.1 * math.cos(i / 7.0) for i in range(N)])
x = da.from_array(signal, chunks=5_000)

energy = (x ** 2).sum()
peak = abs(x).max()
mean = x.mean()
crossings = ((x[1:] > 0) & (x[:-1] <= 0)).sum()

energy_v, peak_v, mean_v, crossings_v = dask.compute(energy, peak, mean, crossings)

print(f"energy={energy_v:.1f} peak={peak_v:.3f} mean={mean_v:.4f} zero-crossings={crossings_v}")


def describe(value, low, high):
    if value < low:
        return "low"
    if value > high:
        return "high"
    return "normal"


report = {
    "energy": describe(energy_v, 5_000, 15_000),
    "peak": describe(peak_v, 0.5, 1.5),
}
for key, verdict in report.items():
    print(f"{key}: {verdict}")
print("RESULT=" + str(int(crossings_v)))

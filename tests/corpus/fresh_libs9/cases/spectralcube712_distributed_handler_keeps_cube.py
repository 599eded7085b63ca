# family: args
# hazard: unpicklable-attribute
# line: 30 53
# files: l9kit/filled_handler_2021.py l9kit/spectral_cube_dask.py
# timeout: 30
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/radio-astro-tools/spectral-cube/pull/712 -- "Prior to this, using dask.distributed did not work, failing with an error about serialization ... somehow storing a cube on these classes causes serialization issues": FilledArrayHandler kept the cube (whose caches are guarded by an RLock) and went into the dask graph through from_array, so the distributed client had to serialise the cube with it
"""Moment-0 map and total flux of a spectral cube, computed on a local dask.distributed cluster."""
import argparse

import dask.array as da
from dask.distributed import Client, LocalCluster

from l9kit.filled_handler_2021 import FilledArrayHandler
from l9kit.spectral_cube_dask import synthetic_cube


class CubeStatistics:
    """The cube methods that go through dask (spectral-cube's _compute path)."""

    def __init__(self, cube, chunks=(2, 4, 4)):
        self.cube = cube
        self.chunks = chunks

    def _get_filled_data(self, fill=0.0):
        handler = FilledArrayHandler(self.cube, fill=fill)
        return da.from_array(handler, chunks=self.chunks, name="filled-data")

    def _compute(self, array):
        return array.compute(**self.cube._scheduler_kwargs)

    def sum(self):
        return float(self._compute(self._get_filled_data(fill=0.0).sum()))

    def moment0(self):
        dv = abs(self.cube.spectral_axis.values[1] - self.cube.spectral_axis.values[0])
        return self._compute(self._get_filled_data(fill=0.0).sum(axis=0) * dv)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workers", type=int, default=1)
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    cube = synthetic_cube()
    stats = CubeStatistics(cube)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        cube.use_dask_scheduler(client)
        total = stats.sum()
        mom0 = stats.moment0()
    print(f"moment-0 peak {mom0.max():.3f} {cube.spectral_axis.unit}")
    print(f"RESULT={round(total, 3)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

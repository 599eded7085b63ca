# family: guard
# hazard: unguarded-dask-processes-compute
# line: 14 l10kit/climate_spi.py:33
# files: l10kit/climate_spi.py
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/monocongo/climate_indices/pull/1022 -- review of the gridded SPI/SPEI example: 'Running the copied example as a Python script without wrapping graph construction and dask.compute(..., scheduler="processes") in an if __name__ == "__main__": guard causes spawned workers to re-import and execute the entry module ... raising the multiprocessing bootstrap error'; dask's processes scheduler spawns even where fork is the default, the scheduler name comes from a settings dict of the helper
"""Gridded SPI/SPEI example from the performance guide, run as a plain script (climate_indices)."""
from l10kit.climate_spi import SETTINGS, compute_grid, demo_grid, lazy_grid

precip, pet = demo_grid()
spi_lazy, spei_lazy = lazy_grid(precip, pet, SETTINGS["scale"])

# One process pool and one shared input graph for both indices.
spi_grid, spei_grid = compute_grid(spi_lazy, spei_lazy, SETTINGS)

print(f"RESULT={list(spi_grid)}|{list(spei_grid)}")

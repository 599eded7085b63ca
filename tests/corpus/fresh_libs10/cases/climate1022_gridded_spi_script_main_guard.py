# family: guard
# hazard: none
# line: none
# files: l10kit/climate_spi.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/monocongo/climate_indices/pull/1022 -- near miss: the addressed commit puts the complete example, graph construction and dask.compute included, in main() behind the guard
"""Gridded SPI/SPEI example from the performance guide, with the whole example under the main guard."""
from l10kit.climate_spi import SETTINGS, compute_grid, demo_grid, lazy_grid


def main():
    precip, pet = demo_grid()
    spi_lazy, spei_lazy = lazy_grid(precip, pet, SETTINGS["scale"])
    # One process pool and one shared input graph for both indices.
    spi_grid, spei_grid = compute_grid(spi_lazy, spei_lazy, SETTINGS)
    print(f"RESULT={list(spi_grid)}|{list(spei_grid)}")


if __name__ == "__main__":
    main()

"""climate_indices-like SPI/SPEI on a small grid, computed lazily with dask."""
import math

import dask

SETTINGS = {"scheduler": "processes", "num_workers": 2, "scale": 3}


def rolling_sum(series, scale):
    return [sum(series[max(0, i - scale + 1): i + 1]) for i in range(len(series))]


def spi_cell(precip, scale):
    sums = rolling_sum(precip, scale)
    mean = sum(sums) / len(sums)
    sd = math.sqrt(sum((s - mean) ** 2 for s in sums) / len(sums)) or 1.0
    return round((sums[-1] - mean) / sd, 4)


def spei_cell(precip, pet, scale):
    balance = [p - e for p, e in zip(precip, pet)]
    return spi_cell(balance, scale)


def lazy_grid(grid, pet_grid, scale):
    spi = [dask.delayed(spi_cell)(cell, scale) for cell in grid]
    spei = [dask.delayed(spei_cell)(cell, pet, scale) for cell, pet in zip(grid, pet_grid)]
    return spi, spei


def compute_grid(spi_lazy, spei_lazy, settings):
    """One pool and one graph for both indices, with the scheduler the settings name."""
    return dask.compute(spi_lazy, spei_lazy,
                        scheduler=settings["scheduler"],
                        num_workers=settings["num_workers"])


def demo_grid(ncells=4, months=12):
    grid = [[(c + 1) * ((m * 7) % 5 + 1) for m in range(months)] for c in range(ncells)]
    pet = [[2 + (m % 3) for m in range(months)] for _ in range(ncells)]
    return grid, pet

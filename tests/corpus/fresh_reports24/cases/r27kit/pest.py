"""pyemu-like helpers: interpolate pilot-point values onto model arrays with a factors file (fac2real)."""
import json
import os


class FactorsError(ValueError):
    pass


def write_pilot_points(path, values):
    with open(path, "w") as fh:
        json.dump(values, fh)


def write_factors(path, weights):
    with open(path, "w") as fh:
        json.dump(weights, fh)


def fac2real(pp_file, factors_file, out_file, fill_value=1.0e30):
    """Each output cell is the weighted sum of the pilot points its factors row names."""
    with open(pp_file) as fh:
        points = json.load(fh)
    with open(factors_file) as fh:
        factors = json.load(fh)
    cells = []
    for row in factors:
        missing = [name for name in row if name not in points]
        if missing:
            raise FactorsError(f"{os.path.basename(factors_file)}: pilot points {missing} not in "
                               f"{os.path.basename(pp_file)}")
        cells.append(sum(points[name] * w for name, w in row.items()) if row else fill_value)
    with open(out_file, "w") as fh:
        fh.write(" ".join(f"{c:.4f}" for c in cells))
    return len(cells)

"""Per-direction solution fitters (shape of an operations library's worker functions)."""
import math


def fit_phase(direction, values, min_points):
    if len(values) < min_points:
        raise ValueError(f"{direction}: only {len(values)} points, need {min_points}")
    mean = sum(values) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return direction, round(mean, 3), round(spread, 3)

"""A g-function solver that parallelises over borehole pairs (pygfunction.gfunction.uniform_temperature)."""
import math
from multiprocessing import Pool


def _segment_response(b1, b2, t, alpha):
    d = math.dist(b1, b2) or 0.075
    return math.erfc(d / (2.0 * math.sqrt(alpha * t)))


def uniform_temperature(boreholes, times, alpha, disp=False, processes=2):
    pairs = [(b1, b2, t, alpha) for t in times for b1 in boreholes for b2 in boreholes]
    if disp:
        print(f"Identifying similarities ... {len(pairs)} pairs")
    with Pool(processes) as pool:
        values = pool.starmap(_segment_response, pairs)
    per_time = len(boreholes) ** 2
    return [round(sum(values[i:i + per_time]), 6) for i in range(0, len(values), per_time)]


def rectangle_field(n1, n2, b):
    return [(i * b, j * b) for i in range(n1) for j in range(n2)]

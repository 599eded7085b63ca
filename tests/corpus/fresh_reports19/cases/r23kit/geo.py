"""Spawn points on a map and the distance between them (for a spawn-point clustering tool)."""
import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Spawnpoint:
    sid: int
    lat: float
    lng: float


def distance_m(a, b):
    """Equirectangular approximation, good enough for points a few hundred metres apart."""
    x = math.radians(b.lng - a.lng) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371000.0 * math.hypot(x, y)


def load_spawnpoints(n=40, seed=11):
    rng = random.Random(seed)
    base_lat, base_lng = 40.7580, -73.9855
    return [Spawnpoint(i, base_lat + rng.uniform(-0.004, 0.004), base_lng + rng.uniform(-0.004, 0.004))
            for i in range(n)]


def greedy_cover(clusters):
    """Pick circles until every spawn point is covered (largest first)."""
    uncovered = set().union(*clusters.values()) if clusters else set()
    chosen = []
    while uncovered:
        centre = max(clusters, key=lambda c: (len(clusters[c] & uncovered), -c))
        if not clusters[centre] & uncovered:
            break
        chosen.append(centre)
        uncovered -= clusters[centre]
    return chosen

"""pyasassn-like catalog pieces: targets, a tiny catalog and the per-star light-curve download."""
import math
from dataclasses import dataclass

CATALOG = [
    {"asas_sn_id": 661430901 + i, "ra_deg": 296.0 + 0.002 * i, "dec_deg": 23.44 + 0.001 * i}
    for i in range(12)
]


@dataclass(frozen=True)
class Target:
    name: str
    ra_deg: float
    dec_deg: float
    radius_deg: float = 10 / 3600


def in_cone(row, target):
    d_ra = (row["ra_deg"] - target.ra_deg) * math.cos(math.radians(target.dec_deg))
    d_dec = row["dec_deg"] - target.dec_deg
    return math.hypot(d_ra, d_dec) <= target.radius_deg


def download_curve(asas_sn_id):
    """Fetch one light curve (here: synthesised) and return (id, number of epochs)."""
    epochs = 20 + asas_sn_id % 7
    mags = [12.0 + ((asas_sn_id + k) % 5) * 0.01 for k in range(epochs)]
    return asas_sn_id, len(mags)

"""SkyPatrolClient with the code path the issue asks for: no multiprocessing when threads=1."""
from multiprocessing import Pool

from r24kit.lightcurves import CATALOG, download_curve, in_cone


class SkyPatrolClient:
    def __init__(self, catalog=None):
        self.catalog = catalog or CATALOG

    def _get_curves(self, ids, threads):
        if threads == 1:
            return dict(download_curve(i) for i in ids)
        with Pool(processes=threads) as pool:
            return dict(pool.map(download_curve, ids))

    def cone_search(self, target, download=True, threads=1):
        ids = [row["asas_sn_id"] for row in self.catalog if in_cone(row, target)]
        if not download:
            return ids
        return self._get_curves(ids, threads)

# family: args
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/datacube.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/opendatacube/datacube-core/issues/1913 -- near miss: the working pattern for distributed loads, each task opens its own Datacube from the environment name, so only the name and the tile travel to the dask.distributed workers
"""Compute a per-tile band summary for a list of tiles on a local dask.distributed cluster."""
import argparse

from dask.distributed import Client, LocalCluster

from l25kit.datacube import Datacube, Tile


def load_tile(env, tile):
    dc = Datacube(env=env)
    data = dc.load(tile.product, tile.xy)
    return sum(sum(row) for row in data)


class TileSummary:
    def __init__(self, tiles, workers=1):
        self.tiles = tiles
        self.workers = workers

    def cluster(self):
        return LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                            dashboard_address=None)

    def compute(self, dc):
        with self.cluster() as cluster, Client(cluster) as client:
            futures = [self._submit(client, dc, t) for t in self.tiles]
            return client.gather(futures)

    def _submit(self, client, dc, tile):
        return client.submit(load_tile, dc.env, tile, pure=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default="default")
    args = parser.parse_args()
    dc = Datacube(env=args.env)
    tiles = [Tile("ls8_nbar", (1, 2)), Tile("s2_l2a", (3, 4))]
    totals = TileSummary(tiles).compute(dc)
    print(f"RESULT={sum(totals)}")


if __name__ == "__main__":
    main()

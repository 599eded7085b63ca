# family: args
# hazard: unpicklable-argument
# line: 55
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/ungarj/mapchete/issues/173 -- the process configuration carries the OutputData object, which for single-file outputs keeps the output file open in the parent; every tile task sent to the pool carries that configuration ("open file handles by parent process cannot be pickled")
"""Process a tile pyramid in parallel and write the results to one single-file output."""
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import Pool


class OutputData:
    """Writer for a single-file output: opened once, written by the parent."""

    def __init__(self, path):
        self.path = path
        self._fh = open(path, "w")

    def write(self, tile, value):
        self._fh.write(json.dumps({"tile": tile, "value": value}) + "\n")

    def close(self):
        self._fh.close()


@dataclass
class ProcessConfig:
    zoom_levels: tuple
    output: OutputData
    params: dict = field(default_factory=lambda: {"scale": 2, "offset": 1})

    def tiles(self, zoom):
        n = 2 ** zoom
        return [(zoom, row, col) for row in range(n) for col in range(n)]


def _process_worker(config, tile):
    zoom, row, col = tile
    return tile, (row * 2 ** zoom + col) * config.params["scale"] + config.params["offset"]


class Mapchete:
    def __init__(self, config, multi=2):
        self.config = config
        self.multi = multi

    def batch_execute(self, zoom):
        written = 0
        worker = partial(_process_worker, self.config)
        with Pool(self.multi) as pool:
            for tile, value in pool.imap_unordered(worker, self.config.tiles(zoom)):  # ANCHOR
                self.config.output.write(tile, value)
                written += 1
        return written


def main():
    out_path = os.path.join(tempfile.mkdtemp(prefix="mapchete_"), "out.geojsonl")
    config = ProcessConfig(zoom_levels=(0, 1), output=OutputData(out_path))
    mp = Mapchete(config)
    written = sum(mp.batch_execute(z) for z in config.zoom_levels)
    config.output.close()
    print(f"RESULT={written}")
    return 0 if written == 5 else 3


if __name__ == "__main__":
    raise SystemExit(main())

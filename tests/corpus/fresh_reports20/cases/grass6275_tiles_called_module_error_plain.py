# family: exceptions
# hazard: unpicklable-exception
# line: 43 26 r24kit/errors_legacy.py:14
# files: r24kit/errors_legacy.py
# timeout: 8
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: https://github.com/OSGeo/grass/pull/6275 -- "TypeError: CalledModuleError.__init__() missing 3 required positional arguments": a module run in a multiprocessing Pool worker fails and raises CalledModuleError(module, code, returncode, errors), which pickles but cannot be rebuilt from its message; the parent's result-handler thread dies and map() never returns
import argparse
import multiprocessing
from dataclasses import dataclass

from r24kit.errors_legacy import CalledModuleError


@dataclass(frozen=True)
class Tile:
    name: str
    rows: int
    cols: int


def run_command(module, **options):
    """Pretend to run a GRASS module; a tile without rows makes r.slope.aspect fail."""
    if options.get("rows", 1) <= 0:
        code = "%s elevation=%s" % (module, options.get("input"))
        raise CalledModuleError(module, code, 1, "region has no rows")
    return options.get("rows", 0) * options.get("cols", 0)


def process_tile(tile):
    cells = run_command("r.slope.aspect", input=tile.name, rows=tile.rows, cols=tile.cols)
    return tile.name, cells


class TiledComputation:
    def __init__(self, tiles, nprocs):
        self.tiles = tiles
        self.nprocs = nprocs

    def compute(self):
        with multiprocessing.Pool(self.nprocs) as pool:
            try:
                return dict(pool.map(process_tile, self.tiles))
            except CalledModuleError as err:
                return {"failed": err.module}


def make_tiles(count):
    tiles = [Tile("elev_%d" % i, 4, 4) for i in range(count)]
    tiles.append(Tile("elev_empty", 0, 4))
    return tiles


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tiles", type=int, default=3)
    parser.add_argument("--nprocs", type=int, default=2)
    args = parser.parse_args()
    result = TiledComputation(make_tiles(args.tiles), args.nprocs).compute()
    print("RESULT=%s" % sorted(result.items()))


if __name__ == "__main__":
    main()

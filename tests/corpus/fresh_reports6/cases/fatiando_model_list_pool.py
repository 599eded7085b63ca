# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/fatiando/fatiando/issues/295 -- the workaround from the thread: the generator is consumed into a list of tesseroids (module-level namedtuple) before gz() sends it to the Pool.
import multiprocessing
from collections import namedtuple

Tesseroid = namedtuple("Tesseroid", "w e s n top bottom density")


def modelgen(lats, lons, topo, step):
    for lat, lon, top in zip(lats, lons, topo):
        yield Tesseroid(lon - step / 2, lon + step / 2, lat - step / 2, lat + step / 2, top, 0, 2670)


def _gz_chunk(points, model):
    total = []
    for lat, lon in points:
        total.append(sum(t.density * (t.top - t.bottom) / (1 + abs(lat - t.s) + abs(lon - t.w)) for t in model))
    return total


def _split(points, njobs):
    size = max(1, len(points) // njobs)
    return [points[i:i + size] for i in range(0, len(points), size)]


def gz(points, model, njobs=1):
    model = list(model)
    if njobs == 1:
        return _gz_chunk(points, model)
    chunks = _split(points, njobs)
    with multiprocessing.Pool(njobs) as pool:
        parts = pool.starmap(_gz_chunk, [(chunk, model) for chunk in chunks])
    return [value for part in parts for value in part]


if __name__ == "__main__":
    lats, lons, topo = [0.0, 1.0, 2.0], [10.0, 11.0, 12.0], [100.0, 200.0, 150.0]
    model = modelgen(lats, lons, topo, step=1.0)
    points = [(0.5, 10.5), (1.5, 11.5), (2.5, 12.5), (3.0, 13.0)]
    print("RESULT=%s" % [round(v) for v in gz(points, model, njobs=2)])

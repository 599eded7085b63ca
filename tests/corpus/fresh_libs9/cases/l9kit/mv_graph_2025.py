"""multiview-stitcher's mv_graph before the fix: the overlap computation forces dask's processes scheduler."""
import dask
from dask import delayed

from l9kit.stitch_views import candidate_pairs, overlap_area


def build_view_adjacency_graph(views):
    pairs = candidate_pairs(views)
    overlap_results = [delayed(overlap_area)(a, b) for a, b in pairs]
    try:
        # the processes scheduler is faster here for many small tasks
        overlap_results = dask.compute(overlap_results, scheduler="processes")[0]
    except ValueError:
        overlap_results = dask.compute(overlap_results)[0]
    return {(a.name, b.name): area for (a, b), area in zip(pairs, overlap_results) if area > 0}


def register(views, reg_channel="DAPI", scheduler=None):
    graph = build_view_adjacency_graph(views)
    return {"channel": reg_channel, "edges": graph}

"""multiview-stitcher's mv_graph after the fix: the caller's (or dask's configured) scheduler is used."""
import dask
from dask import delayed

from l9kit.stitch_views import candidate_pairs, overlap_area


def build_view_adjacency_graph(views):
    pairs = candidate_pairs(views)
    overlap_results = [delayed(overlap_area)(a, b) for a, b in pairs]
    overlap_results = dask.compute(overlap_results)[0]
    return {(a.name, b.name): area for (a, b), area in zip(pairs, overlap_results) if area > 0}


def register(views, reg_channel="DAPI"):
    graph = build_view_adjacency_graph(views)
    return {"channel": reg_channel, "edges": graph}

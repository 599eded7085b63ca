# family: guard
# hazard: none
# line: none
# files: l9kit/mv_graph.py l9kit/stitch_views.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/multiview-stitcher/multiview-stitcher/issues/72 -- the maintainer's fix (the scheduler parameter deprecated, mv_graph calls compute(overlap_results) and so honours dask's configured scheduler): the same unguarded snakemake script sets the threaded scheduler and no process is started
"""Snakemake rule script: stitch the tiles of one acquisition (scripts/stitch_tiles.py)."""
import json
import types

import dask

from l9kit import mv_graph
from l9kit.stitch_views import grid_views

# snakemake injects this object into the script's namespace; it is rebuilt here from the rule's values
snakemake = types.SimpleNamespace(
    input={"tiles": "raw/acq1/tiles.zarr"},
    output={"params": "stitched/acq1/params.json"},
    params={"rows": 2, "cols": 3, "reg_channel": "DAPI"},
    threads=2,
)


def summarise(result):
    edges = result["edges"]
    return {"channel": result["channel"], "n_edges": len(edges), "total_overlap": sum(edges.values())}


dask.config.set(scheduler="threads", num_workers=snakemake.threads)
views = grid_views(snakemake.params["rows"], snakemake.params["cols"])
print(f"registering {len(views)} views from {snakemake.input['tiles']}")
result = mv_graph.register(views, reg_channel=snakemake.params["reg_channel"])
summary = summarise(result)
print(json.dumps(summary))
print(f"RESULT={summary['n_edges']}:{summary['total_overlap']}")

# family: guard
# hazard: library-spawns-from-unguarded-script
# line: 34 l9kit/mv_graph_2025.py:13
# files: l9kit/mv_graph_2025.py l9kit/stitch_views.py
# timeout: 20
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/multiview-stitcher/multiview-stitcher/issues/72 -- "Dask processes scheduler overrides previous scheduler choice": the user runs register() from a snakemake script (top-level code, no main guard) with a threaded scheduler, but mv_graph computes the overlaps with scheduler="processes"; dask's processes scheduler always spawns its workers, which re-import the script and run it again ("when multiple processes are spawned the snakemake script parameters are not properly passed")
"""Snakemake rule script: stitch the tiles of one acquisition (scripts/stitch_tiles.py)."""
import json
import types

import dask

from l9kit import mv_graph_2025 as mv_graph
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
result = mv_graph.register(views, reg_channel=snakemake.params["reg_channel"], scheduler="threads")
summary = summarise(result)
print(json.dumps(summary))
print(f"RESULT={summary['n_edges']}:{summary['total_overlap']}")

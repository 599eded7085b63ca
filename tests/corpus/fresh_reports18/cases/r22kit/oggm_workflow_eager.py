"""Pool initializer and an entity task (as oggm/workflow.py had it before PR #1120)."""
from . import oggm_cfg_eager as cfg

LOCK = None


def init_pool_globals(cfg_contents, global_lock):
    global LOCK
    cfg.unpack_config(cfg_contents)
    LOCK = global_lock


def verified_download(glacier_id: str):
    """True when this call is the first to verify the glacier's DEM file."""
    fname = f"dem_{glacier_id[:12]}.tif"
    with LOCK:
        first = fname not in cfg.DL_VERIFIED
        cfg.DL_VERIFIED[fname] = True
    return glacier_id, first

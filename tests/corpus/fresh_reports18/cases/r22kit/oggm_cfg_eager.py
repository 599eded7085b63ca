"""Global configuration as oggm/cfg.py had it before PR #1120: shared dicts made at import."""
from multiprocessing import Manager

IS_INITIALIZED = False
PARAMS = {}
PATHS = {}

# Share state accross processes
DL_VERIFIED = Manager().dict()
DEM_SOURCE_TABLE = Manager().dict()


def initialize(mp_processes: int = 2, use_mp_spawn: bool = False) -> None:
    global IS_INITIALIZED
    PARAMS.update(mp_processes=mp_processes, use_mp_spawn=use_mp_spawn, dem_source="SRTM")
    PATHS.update(working_dir="/tmp/oggm")
    IS_INITIALIZED = True


def pack_config():
    return {"IS_INITIALIZED": IS_INITIALIZED, "PARAMS": dict(PARAMS), "PATHS": dict(PATHS)}


def unpack_config(cfg_dict):
    global IS_INITIALIZED, PARAMS, PATHS
    IS_INITIALIZED = cfg_dict["IS_INITIALIZED"]
    PARAMS = cfg_dict["PARAMS"]
    PATHS = cfg_dict["PATHS"]

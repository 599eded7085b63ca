"""Global configuration after oggm PR #1120: plain dicts at import, one manager set later."""
IS_INITIALIZED = False
PARAMS = {}
PATHS = {}

# Share state accross processes
DL_VERIFIED = dict()
DEM_SOURCE_TABLE = dict()


def initialize(mp_processes: int = 2, use_mp_spawn: bool = False) -> None:
    global IS_INITIALIZED
    PARAMS.update(mp_processes=mp_processes, use_mp_spawn=use_mp_spawn, dem_source="SRTM")
    PATHS.update(working_dir="/tmp/oggm")
    IS_INITIALIZED = True


def pack_config():
    return {"IS_INITIALIZED": IS_INITIALIZED, "PARAMS": dict(PARAMS), "PATHS": dict(PATHS),
            "DL_VERIFIED": DL_VERIFIED, "DEM_SOURCE_TABLE": DEM_SOURCE_TABLE}


def unpack_config(cfg_dict):
    global IS_INITIALIZED, PARAMS, PATHS, DL_VERIFIED, DEM_SOURCE_TABLE
    IS_INITIALIZED = cfg_dict["IS_INITIALIZED"]
    PARAMS = cfg_dict["PARAMS"]
    PATHS = cfg_dict["PATHS"]
    DL_VERIFIED = cfg_dict["DL_VERIFIED"]
    DEM_SOURCE_TABLE = cfg_dict["DEM_SOURCE_TABLE"]


def set_manager(manager):
    """Sets a multiprocessing manager to use for shared dicts"""
    global DL_VERIFIED, DEM_SOURCE_TABLE
    if manager:
        new_dict = manager.dict()
        new_dict.update(DL_VERIFIED)
        DL_VERIFIED = new_dict
        new_dict = manager.dict()
        new_dict.update(DEM_SOURCE_TABLE)
        DEM_SOURCE_TABLE = new_dict
    else:
        DL_VERIFIED = dict(DL_VERIFIED)
        DEM_SOURCE_TABLE = dict(DEM_SOURCE_TABLE)

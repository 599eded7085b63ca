# family: guard
# hazard: manager-started-at-import-of-config-module
# line: 13 r22kit/oggm_cfg_eager.py:9
# files: r22kit/oggm_cfg_eager.py r22kit/oggm_workflow_eager.py
# timeout: 12
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/OGGM/oggm/pull/1120 -- "Make sure only ever one Manager exists": oggm/cfg.py made its cross-process dicts with `DL_VERIFIED = Manager().dict()` at import, so every process that imports cfg starts manager processes; with use_mp_spawn the Pool workers (daemonic) import cfg again and each starts its own Manager ("in spawn mode, without this change, it plain wouldn't sync the dicts to begin with, since every worker spawns its own two Managers"). Under spawn the first Manager() that the parent's import starts re-imports the script in the manager process, which imports cfg and starts a Manager during bootstrapping: RuntimeError (bootstrapping phase)
"""Run an entity task on a list of glaciers in the OGGM-like multiprocessing pool."""
import argparse
import multiprocessing
import sys

from r22kit import oggm_cfg_eager as cfg
from r22kit import oggm_workflow_eager as workflow

_mp_pool = None


def init_mp_pool(reset=False):
    """Necessary because at import time, cfg might be uninitialized"""
    global _mp_pool
    if _mp_pool and not reset:
        return _mp_pool
    if cfg.PARAMS["use_mp_spawn"]:
        mp = multiprocessing.get_context("spawn")
    else:
        mp = multiprocessing
    cfg_contents = cfg.pack_config()
    global_lock = mp.Manager().Lock()
    mpp = cfg.PARAMS["mp_processes"]
    _mp_pool = mp.Pool(mpp, initializer=workflow.init_pool_globals, initargs=(cfg_contents, global_lock))
    return _mp_pool


def execute_entity_task(task, gdirs):
    pool = init_mp_pool()
    return pool.map(task, gdirs, chunksize=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    cfg.initialize(mp_processes=args.processes)
    rgi_ids = ["RGI60-11.00897", "RGI60-11.00898", "RGI60-11.01450", "RGI60-11.01451"]
    out = execute_entity_task(workflow.verified_download, rgi_ids)
    first = sum(1 for _, is_first in out if is_first)
    _mp_pool.close()
    _mp_pool.join()
    print(f"RESULT={first}")
    return 0 if first == 2 else 3


if __name__ == "__main__":
    sys.exit(main())

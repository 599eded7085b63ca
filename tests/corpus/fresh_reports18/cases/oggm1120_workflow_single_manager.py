# family: guard
# hazard: none
# line: none
# files: r22kit/oggm_cfg.py r22kit/oggm_workflow.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/OGGM/oggm/pull/1120 -- the PR's fix: cfg keeps plain dicts at import; init_mp_pool starts one Manager (`_mp_manager = mp.Manager()`), cfg.set_manager(_mp_manager) swaps the shared dicts for its proxies, and pack_config hands them to the workers through the pool initializer, so no process starts a manager when it imports cfg
"""Run an entity task on a list of glaciers in the OGGM-like multiprocessing pool."""
import argparse
import multiprocessing
import sys

from r22kit import oggm_cfg as cfg
from r22kit import oggm_workflow as workflow

_mp_manager = None
_mp_pool = None


def init_mp_pool(reset=False):
    """Necessary because at import time, cfg might be uninitialized"""
    global _mp_manager, _mp_pool
    if _mp_pool and _mp_manager and not reset:
        return _mp_pool
    if cfg.PARAMS["use_mp_spawn"]:
        mp = multiprocessing.get_context("spawn")
    else:
        mp = multiprocessing
    _mp_manager = mp.Manager()
    cfg.set_manager(_mp_manager)
    cfg_contents = cfg.pack_config()
    global_lock = _mp_manager.Lock()
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
    _mp_manager.shutdown()
    print(f"RESULT={first}")
    return 0 if first == 2 else 3


if __name__ == "__main__":
    sys.exit(main())

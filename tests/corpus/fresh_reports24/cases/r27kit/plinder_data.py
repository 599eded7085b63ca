"""PLINDER's loader after PR #91: a local spawn context, so the global start method is never touched."""
import multiprocessing

from r27kit.systems import load_entry


def load_entries(system_ids, num_workers=2):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(num_workers) as pool:
        return pool.map(load_entry, system_ids)

"""PLINDER's loader before PR #91: it sets the global start method each time entries are loaded."""
import multiprocessing

from r27kit.systems import load_entry


def load_entries(system_ids, num_workers=2):
    multiprocessing.set_start_method("spawn")
    with multiprocessing.Pool(num_workers) as pool:
        return pool.map(load_entry, system_ids)

"""pymchelper-like reading of detector files grouped by core name (DataMedSci/pymchelper#297)."""
import os
from collections import defaultdict


def core_name(path):
    base = os.path.basename(path)
    return base.rsplit("_", 1)[0]


def group_by_core(paths):
    groups = defaultdict(list)
    for p in sorted(paths):
        groups[core_name(p)].append(p)
    return dict(groups)


def read_one(path):
    # stand-in for the binary reader: the value is derived from the name
    return sum(ord(ch) for ch in os.path.basename(path)) % 97


def merge_core(core, files, error="none"):
    """Averages the detectors of one core; module level, so it pickles by name."""
    values = [read_one(f) for f in files]
    mean = sum(values) / len(values)
    return core, round(mean, 3), error

"""Manifest planning and partition scans for the iceberg-like programs."""
MANIFESTS = {
    "m1": [("p=2024-01", 10), ("p=2024-02", 12)],
    "m2": [("p=2024-03", 7)],
}


def read_manifest(name: str):
    return MANIFESTS[name]


def plan_files(executor, manifests):
    entries = []
    for chunk in executor.map(read_manifest, manifests):
        entries.extend(chunk)
    return entries


def count_rows(partition_rows):
    partition, rows = partition_rows
    return rows

# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/erykoff/fgcm/pull/51: the fix keeps only what can be rebuilt (the audit file's path) in the ExportConfig dataclass, and each child opens the file itself; a default_factory lambda on a field is fine, it runs at construction and only its list is stored.
"""Export tables to JSON files, one process per table, with an audit trail.

Usage: export_tables.py [--out DIR]
"""
import argparse
import json
import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field
from typing import Optional

TABLES = {"users": [{"id": 1}, {"id": 2}], "orders": [{"id": 7, "user": 1}]}


@dataclass
class ExportConfig:
    out_dir: str
    indent: int = 2
    tables: list = field(default_factory=lambda: sorted(TABLES))
    audit_path: Optional[str] = None


def export_table(name, config):
    path = os.path.join(config.out_dir, name + ".json")
    with open(path, "w") as fh:
        json.dump(TABLES[name], fh, indent=config.indent)
    if config.audit_path is not None:
        with open(config.audit_path, "a") as audit:
            audit.write(f"exported {name}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out_dir = args.out or tempfile.mkdtemp(prefix="export-")

    config = ExportConfig(out_dir=out_dir)
    config.audit_path = os.path.join(out_dir, "audit.log")
    procs = [multiprocessing.Process(target=export_table, args=(name, config)) for name in config.tables]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    print(sorted(os.listdir(out_dir)))


if __name__ == "__main__":
    main()

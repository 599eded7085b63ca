# family: dataclass
# hazard: unpicklable-argument
# line: 48
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/erykoff/fgcm/pull/51 ("Ensure we don't try to pickle butler objects in multiprocessing": a config object carrying a live handle into the workers). An exporter's ExportConfig dataclass has an `audit: Optional[TextIO] = None` field that main() fills with an open file after parsing arguments; the config goes to each Process through args. Fork inherits the file; spawn/forkserver: "cannot pickle '_io.TextIOWrapper' object".
"""Export tables to JSON files, one process per table, with an audit trail.

Usage: export_tables.py [--out DIR]
"""
import argparse
import json
import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field
from typing import Optional, TextIO

TABLES = {"users": [{"id": 1}, {"id": 2}], "orders": [{"id": 7, "user": 1}]}


@dataclass
class ExportConfig:
    out_dir: str
    indent: int = 2
    tables: list = field(default_factory=lambda: sorted(TABLES))
    audit: Optional[TextIO] = None


def export_table(name, config):
    path = os.path.join(config.out_dir, name + ".json")
    with open(path, "w") as fh:
        json.dump(TABLES[name], fh, indent=config.indent)
    if config.audit is not None:
        config.audit.write(f"exported {name}\n")
        config.audit.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    out_dir = args.out or tempfile.mkdtemp(prefix="export-")

    config = ExportConfig(out_dir=out_dir)
    config.audit = open(os.path.join(out_dir, "audit.log"), "a")
    procs = [multiprocessing.Process(target=export_table, args=(name, config)) for name in config.tables]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    config.audit.close()
    print(sorted(os.listdir(out_dir)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Score `mpguard migrate --from 3.13 --to 3.14` against what Python really did.

Truth: the oracle programs whose observed outcome differs between the 3.13 run with fork as the
default (BEFORE, results_py3.13.0.json) and the 3.14 run with forkserver as the default (AFTER,
results_py3.14.json). Outcome names that only the runner's version changed are made equal
(`attribute_error_mp_main` is 3.14's `error:AttributeError`), and a program whose BEFORE run could not
import a module (numpy missing on that interpreter) is left out: its run says nothing about Python.
`--truth works-or-fails` counts only a change between working and failing (the issue's 45 of 173).

A program is listed when migrate lists a site in it or in one of its helper files. The analyser sees
a blind copy (headers blanked, files renamed), as in evaluate.py:

    python tests/corpus/migrate_score.py --cmd "mpguard migrate --output-format json"

Prints the misses, then `precision=P recall=R listed=L changed=C programs=N`.
"""
from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import blind_copy  # noqa: E402  (a sibling script, not a package)

HERE = Path(__file__).resolve().parent
RENAMED = {"attribute_error_mp_main": "error:AttributeError", "attribute_error_main": "error:AttributeError"}


def outcome(run: dict) -> str:
    text = run["outcome"]
    for old, new in RENAMED.items():
        text = text.replace(old, new)
    return text


def truth(before: dict, after: dict, kind: str = "outcome") -> tuple[set[str], set[str]]:
    """(programs compared, programs whose behaviour changed), as case file names."""
    compared, changed = set(), set()
    for key, rec in before["cases"].items():
        if key not in after["cases"]:
            continue
        old, new = rec["runs"]["fork"], after["cases"][key]["runs"]["forkserver"]
        if old["outcome"] == "error:ModuleNotFoundError":
            continue
        name = Path(rec["file"]).name
        compared.add(name)
        a, b = outcome(old), outcome(new)
        if (a != b) if kind == "outcome" else ((a == "ok") != (b == "ok")):
            changed.add(name)
    return compared, changed


def listed_programs(cmd: str, cases_dir: Path, before: dict) -> set[str]:
    names = sorted(Path(rec["file"]).name for rec in before["cases"].values()
                   if (cases_dir / Path(rec["file"]).name).exists())
    helpers_of = {Path(rec["file"]).name: list(rec.get("files") or []) for rec in before["cases"].values()}
    blind, renamed = blind_copy(cases_dir, names)
    try:
        proc = subprocess.run(shlex.split(cmd) + ["."], cwd=blind, capture_output=True, text=True, timeout=600)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"migrate failed ({proc.returncode}): {proc.stderr[-2000:]}")
        items = json.loads(proc.stdout)
    finally:
        shutil.rmtree(blind.parent, ignore_errors=True)
    files = set()
    for item in items:
        key = Path(item["filename"]).as_posix()
        key = key[2:] if key.startswith("./") else key
        files.add(renamed.get(key, key))
    return {name for name in names if name in files or any(h in files for h in helpers_of.get(name, []))}


def score(cmd: str, kind: str = "outcome", cases_dir: Path = HERE / "oracle" / "cases",
          before_path: Path = HERE / "oracle" / "results_py3.13.0.json",
          after_path: Path = HERE / "oracle" / "results_py3.14.json") -> dict:
    before, after = json.loads(before_path.read_text()), json.loads(after_path.read_text())
    compared, changed = truth(before, after, kind)
    listed = listed_programs(cmd, cases_dir.resolve(), before) & compared
    hits = listed & changed
    return {"precision": len(hits) / len(listed) if listed else 1.0,
            "recall": len(hits) / len(changed) if changed else 1.0,
            "listed": len(listed), "changed": len(changed), "programs": len(compared),
            "false_positives": sorted(listed - changed), "misses": sorted(changed - listed)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", default="mpguard migrate --from 3.13 --to 3.14 --output-format json")
    ap.add_argument("--truth", choices=("outcome", "works-or-fails"), default="outcome")
    ap.add_argument("--min", type=float, default=0.0, help="exit 1 when precision or recall is below this")
    args = ap.parse_args()
    result = score(args.cmd, args.truth)
    for name in result["false_positives"]:
        print(f"LISTED, NO CHANGE  {name}")
    for name in result["misses"]:
        print(f"CHANGED, NOT LISTED {name}")
    print(f"precision={result['precision']:.3f} recall={result['recall']:.3f} listed={result['listed']} "
          f"changed={result['changed']} programs={result['programs']}")
    return 0 if min(result["precision"], result["recall"]) >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""How often does mpguard quote the error Python really printed?

For every run in RESULTS (written by run_oracle.py) that failed and printed an exception, the run
counts as *quoted* when a finding for that case file (or one of its helper files) carries the
printed error in its message (the start method is not asked: with `--python-version 3.14` no
platform defaults to fork, yet the oracle's forced-fork runs print the same words), after normalising what differs from
run to run: addresses (0x...), quoted paths ('<ORACLE>/cases/x.py', '...'), pids and whitespace.
The first exception the run printed is the one that must be quoted.

The analyser sees a blind copy of the cases (headers blanked, files renamed), as in evaluate.py:

    python tests/corpus/quoting.py --results tests/corpus/oracle/results.json
    python tests/corpus/quoting.py --results tests/corpus/oracle/results_py3.14.json \
        --cmd "mpguard check --output-format json --python-version 3.14"

Prints the unquoted runs, then `quoted=Q failing=F ratio=R`; exits 1 when R < --min-ratio.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import blind_copy, run_analyser  # noqa: E402  (a sibling script, not a package)

ADDRESS = re.compile(r"0x(?:[0-9a-fA-F]+|\?|\.\.\.|…)")
QUOTED_PATH = re.compile(r"from '[^']*'")
PID = re.compile(r"pid=\d+")


def normalise(text: str) -> str:
    text = ADDRESS.sub("0x?", text)
    text = QUOTED_PATH.sub("from '...'", text)
    text = PID.sub("pid=N", text)
    return " ".join(text.split())


def printed_error(run: dict) -> str | None:
    first = run.get("first_exception")
    if run.get("outcome") == "ok" or not first:
        return None
    return normalise(f"{first['type']}: {first['message']}")


def measure(cases_dir: Path, results_path: Path, cmd: str, timeout: float = 300) -> tuple[int, int, list[str]]:
    """(quoted, failing, the unquoted runs described one per line)."""
    data = json.loads(results_path.read_text())
    cases = {Path(rec["file"]).name: rec for rec in data["cases"].values()
             if (cases_dir / Path(rec["file"]).name).exists()}
    names = sorted(cases)
    helpers = sorted(str(p.relative_to(cases_dir)) for p in cases_dir.glob("*/**/*.py"))
    blind, renamed = blind_copy(cases_dir, names)
    try:
        diags, _ = run_analyser(cmd, blind, sorted(renamed) + helpers, timeout)
    finally:
        shutil.rmtree(blind.parent, ignore_errors=True)
    by_file = defaultdict(list)
    for d in diags:
        key = Path(str(d.get("filename", ""))).as_posix()
        by_file[renamed.get(key, key)].append(d)
    quoted = failing = 0
    misses = []
    for name in names:
        rec = cases[name]
        files = [name] + list(rec.get("files") or [])
        for method, run in sorted(rec["runs"].items()):
            error = printed_error(run)
            if error is None:
                continue
            failing += 1
            texts = [normalise(d.get("message", "")) for f in files for d in by_file.get(f, [])]
            if any(error in text for text in texts):
                quoted += 1
            else:
                misses.append(f"{name} [{method}] printed {error[:150]!r}; "
                              f"findings: {[t[-120:] for t in texts] or 'none'}")
    return quoted, failing, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent
    ap.add_argument("--cases", type=Path, default=here / "oracle" / "cases")
    ap.add_argument("--results", type=Path, default=here / "oracle" / "results.json")
    ap.add_argument("--cmd", default="mpguard check --output-format json")
    ap.add_argument("--min-ratio", type=float, default=0.0)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    quoted, failing, misses = measure(args.cases.resolve(), args.results.resolve(), args.cmd)
    if not args.quiet:
        print("\n".join(misses))
    ratio = quoted / failing if failing else 1.0
    print(f"quoted={quoted} failing={failing} ratio={ratio:.3f}")
    return 0 if ratio >= args.min_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())

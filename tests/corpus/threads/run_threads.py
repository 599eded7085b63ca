"""Run the fork-after-threads programs (cases/) under each start method and Python, and record what
Python prints: is the fork warned about, and is the warning shown with the default filters?

    python tests/corpus/threads/run_threads.py --python /path/to/python3.12 [--python ...] > results.json

Each case runs twice per method: with the default warning filters (what a user sees) and with
`-W default::DeprecationWarning` (was the warning issued at all). The start method is forced as the
default by tests/corpus/runner_site (MP_DEFAULT_METHOD), as run_oracle.py does. A case whose imports
fail on an interpreter (grpc) is recorded as "skipped"."""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE.parent / "runner_site"
WARNING = re.compile(r"DeprecationWarning: This process \(pid=\d+\) is multi-threaded, use of fork\(\) may lead "
                     r"to deadlocks in the child\.")
METHODS = ("fork", "spawn", "forkserver")


def run(python: str, case: Path, method: str, show: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONWARNINGS", "PYTHONDEVMODE")}
    env["MP_DEFAULT_METHOD"] = method
    env["PYTHONPATH"] = str(SITE)
    command = [python, *(["-W", "default::DeprecationWarning"] if show else []), str(case)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=case.parent)
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout"}
    if "ModuleNotFoundError" in done.stderr:
        return {"outcome": "skipped", "why": done.stderr.strip().splitlines()[-1]}
    found = WARNING.search(done.stderr)
    where = re.search(r"^(\S+\.py):\d+: DeprecationWarning", done.stderr, re.M)
    return {"outcome": "ok" if done.returncode == 0 else f"exit {done.returncode}",
            "warned": bool(found),
            "warned_in": Path(where.group(1)).name if where else None}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", action="append", default=[])
    options = parser.parse_args()
    pythons = options.python or [sys.executable]
    results = {}
    for python in pythons:
        version = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                 capture_output=True, text=True).stdout.strip()
        for case in sorted((HERE / "cases").glob("*.py")):
            row = results.setdefault(case.stem, {}).setdefault(version, {})
            for method in METHODS:
                issued = run(python, case, method, show=True)
                shown = run(python, case, method, show=False)
                row[method] = {"outcome": issued["outcome"], "warning_issued": issued.get("warned"),
                               "warning_shown_by_default": shown.get("warned"), "warned_in": issued.get("warned_in")}
    json.dump({"cases": results}, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()

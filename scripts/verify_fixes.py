#!/usr/bin/env python3
"""Measure mpguard's fixes against the oracle: do the fixed programs really run clean?

1. Copies a corpus (tests/corpus/oracle by default) and its runner to a temporary folder.
2. Runs `mpguard check --fix --unsafe-fixes` over every case file and helper module there.
3. Re-runs the cases whose program changed (a case changes when its own file or one of the helper
   modules named in its `# files:` header changed) with the copied run_oracle.py, under fork,
   spawn and forkserver.
4. Reports, against the recorded results.json:
   * hazardous cases (observed outcome not `ok` under some start method) that received a fix,
   * how many of those now run clean (`ok`) under all three methods,
   * whether any hazard-free case was changed (it must not be).

Usage: python scripts/verify_fixes.py [--corpus tests/corpus/oracle] [--jobs 2] [-k SUBSTR ...]
                                      [--all] [--json OUT] [--keep]
Exit status 0 when the goals hold (>= 70% of hazardous cases fixed, >= 95% of those clean,
no hazard-free case changed), 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("fork", "spawn", "forkserver")


# What the one-line call-site changes proposed in docs/fixes.md would do, applied at run time to
# measure them before they land: a rule reporting one of these codes without a fix gets the builder's.
PROPOSED_CALL_SITES = r"""
import sys
import mpguard.rules.context as _C

_report = _C.RuleContext.report


def _guard_definition(ctx, node):
    for creation in ctx.facts.creations:
        if creation.node is node:
            for _expr, value in creation.args:
                problem = ctx.pickler.object_problem(value, pool_task=False)
                if problem is not None and problem.kind == "guard":
                    return problem.definition
    return None


def report(self, code, node, message, methods, fix=None, platforms=frozenset(), end_node=None):
    if fix is None and frozenset(methods):
        try:
            if code == "MP302":
                from mpguard.fixes.state import parent_state_fix
                fix = parent_state_fix(self, node)
            elif code == "MP204":
                from mpguard.fixes.arguments import sync_in_task_fix
                fix = sync_in_task_fix(self, node)
            elif code == "MP206":
                from mpguard.fixes.arguments import keep_alive_fix
                fix = keep_alive_fix(self, node)
            elif code == "MP202":
                from mpguard.fixes.lift import move_above_guard_fix
                definition = _guard_definition(self, node)
                fix = move_above_guard_fix(self, definition) if definition is not None else None
        except Exception:
            fix = None
    return _report(self, code, node, message, methods, fix, platforms, end_node)


_C.RuleContext.report = report
from mpguard.cli import main
sys.exit(main(sys.argv[1:]))
"""


def header_files(path: Path) -> list[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# files:"):
            return [f.strip() for f in line.split(":", 1)[1].replace(",", " ").split() if f.strip()]
    return []


def imported_helpers(path: Path, cases_dir: Path) -> set[str]:
    """The corpus's helper modules (files under cases/) that the case imports, directly or through
    other helpers: a corpus without `# files:` headers (fresh_values' fvkit) changes a case's program
    when one of them changes."""
    import ast

    found: set[str] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        try:
            tree = ast.parse(current.read_text(encoding="utf-8"))
        except (SyntaxError, ValueError, OSError):
            continue
        modules = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.append(node.module)
                modules += [f"{node.module}.{a.name}" for a in node.names]
        for module in modules:
            base = cases_dir.joinpath(*module.split("."))
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                rel = candidate.relative_to(cases_dir).as_posix() if candidate.is_file() else None
                if rel is not None and rel not in found:
                    found.add(rel)
                    todo.append(candidate)
    return found


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.py"))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "corpus" / "oracle"),
                    help="a corpus folder of tests/corpus (holds cases/ and results.json)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-k", action="append", default=[], help="only cases whose name contains this")
    ap.add_argument("--all", action="store_true", help="re-run every case, not only the changed ones")
    ap.add_argument("--json", help="write the detailed report here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy")
    ap.add_argument("--proposed-call-sites", action="store_true",
                    help="also wire the fix builders that need a one-line call-site change in rules/*.py")
    args = ap.parse_args()

    oracle = Path(args.corpus).resolve()
    recorded = json.loads((oracle / "results.json").read_text())["cases"]
    work = Path(tempfile.mkdtemp(prefix="mpgv_", dir="/tmp"))
    copy = work / "corpus"
    shutil.copytree(oracle, copy, ignore=shutil.ignore_patterns("__pycache__"))
    runner_dir = oracle.parent  # tests/corpus: run_oracle.py and runner_site/ serve every corpus
    shutil.copy(runner_dir / "run_oracle.py", work / "run_oracle.py")
    shutil.copytree(runner_dir / "runner_site", work / "runner_site", ignore=shutil.ignore_patterns("__pycache__"))
    cases_dir = copy / "cases"
    names = sorted(p.stem for p in cases_dir.glob("*.py"))
    if args.k:
        names = [n for n in names if any(k in n for k in args.k)]

    before = snapshot(cases_dir)
    started = time.monotonic()
    targets = [f"cases/{n}.py" for n in names] + sorted(
        p.relative_to(copy).as_posix() for p in cases_dir.glob("*/**/*.py"))
    runner = ["-c", PROPOSED_CALL_SITES] if args.proposed_call_sites else ["-m", "mpguard"]
    fix = subprocess.run([sys.executable, *runner, "check", "--fix", "--unsafe-fixes", "--exit-zero",
                          "--jobs", "1", *targets], cwd=copy, capture_output=True, text=True)
    if fix.returncode not in (0, 1):
        print(fix.stdout, fix.stderr, sep="\n", file=sys.stderr)
        print("mpguard --fix failed", file=sys.stderr)
        return 2
    after = snapshot(cases_dir)
    changed_files = {f for f in before if before[f] != after.get(f)}
    fix_seconds = time.monotonic() - started

    def changed(name: str) -> bool:
        own = f"{name}.py" in changed_files
        case = oracle / "cases" / f"{name}.py"
        helpers = set(header_files(case)) | imported_helpers(case, oracle / "cases")
        return own or any(h in changed_files for h in helpers)

    hazardous = [n for n in names if any(r["outcome"] != "ok" for r in recorded[n]["runs"].values())]
    clean_before = [n for n in names if n not in hazardous]
    fixed = [n for n in hazardous if changed(n)]
    touched_clean = [n for n in clean_before if changed(n)]
    rerun = names if args.all else sorted(set(fixed) | set(touched_clean))

    results = {}
    if rerun:
        out = work / "after.json"
        cmd = [sys.executable, str(work / "run_oracle.py"), "--corpus", str(copy), "--jobs", str(args.jobs),
               "--out", str(out), "--no-summary"]
        for n in rerun:
            cmd += ["-k", n]
        run = subprocess.run(cmd, cwd=copy, capture_output=True, text=True)
        if not out.exists():
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n", file=sys.stderr)
            print("run_oracle.py did not write its results", file=sys.stderr)
            return 2
        results = json.loads(out.read_text())["cases"]

    def outcomes(n):
        return {m: results[n]["runs"][m]["outcome"] for m in METHODS} if n in results else None

    def missing_library(n):
        # A library the case needs (torch) is not installed here: the fixed program cannot be judged by running
        # it. Counted apart, neither clean nor not clean (the recorded runs were made where it was installed).
        now = outcomes(n)
        return bool(now) and all(o == "error:ModuleNotFoundError" for o in now.values()) and not any(
            r["outcome"] == "error:ModuleNotFoundError" for r in recorded[n]["runs"].values())

    unverifiable = [n for n in fixed if missing_library(n)]
    judged = [n for n in fixed if n not in unverifiable]
    clean = [n for n in judged if outcomes(n) and all(o == "ok" for o in outcomes(n).values())]
    still = {n: outcomes(n) for n in judged if n not in clean}
    report = {
        "cases": len(names), "hazardous": len(hazardous), "fixed": len(fixed), "fixed_clean": len(clean),
        "fixed_share": round(len(fixed) / len(hazardous), 3) if hazardous else None,
        "clean_share": round(len(clean) / len(judged), 3) if judged else None,
        "fixed_unverifiable": unverifiable,
        "hazard_free_changed": touched_clean,
        "not_fixed": [n for n in hazardous if n not in fixed],
        "fixed_not_clean": still,
        "changed_files": sorted(changed_files),
        "fix_seconds": round(fix_seconds, 1),
    }
    if args.all:
        report["hazard_free_now_failing"] = [n for n in clean_before if n in results
                                             and any(o != "ok" for o in outcomes(n).values())]
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")
    print(f"hazardous cases: {len(hazardous)} of {len(names)}")
    print(f"received a fix:  {len(fixed)} ({100 * len(fixed) / max(1, len(hazardous)):.1f}%)")
    print(f"now clean under fork, spawn and forkserver: {len(clean)} of {len(judged)} "
          f"({100 * len(clean) / max(1, len(judged)):.1f}%)")
    if unverifiable:
        print(f"fixed, not verifiable here (a library they import is not installed): {unverifiable}")
    print(f"hazard-free cases changed: {len(touched_clean)} {touched_clean if touched_clean else ''}")
    for n, o in still.items():
        print(f"  fixed but not clean: {n} {o}")
    print("  not fixed: " + ", ".join(report["not_fixed"]))
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    ok = (hazardous and len(fixed) >= 0.7 * len(hazardous) and (not judged or len(clean) >= 0.95 * len(judged))
          and not touched_clean)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Checking a whole code base (issue 16), measured side by side in one run. From the repository root:

    .venv/bin/python benchmarks/codebase.py           # ~5 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --codebase     # the same, from the main benchmark

1. The installed standard library, `mpguard check --no-respect-gitignore --jobs 2`, against its floor:
   reading and `ast.parse` of the same files on 2 processes (goal: ≤ 2.0×). First run with an empty
   cache, then the repeat run over the unchanged tree (goal: ≤ 0.15× the first). The JSON findings of
   `--no-cache --jobs 1`, the first and repeat runs (`--jobs 2`) and a run without the process
   prefilter (MPGUARD_NO_PREFILTER=1) must be byte-identical.
2. A mixed corpus of PyPI projects (sdists from scripts/sweep_packages.py, in /work/sweep-cache or
   $MPGUARD_SWEEP_CACHE): `mpguard check --no-cache` against `ruff check --select ALL --no-cache`,
   total time (goal: ≤ 3×).
3. Cold start: a one-file check, and `mpguard server` from spawn to the first diagnostics, next to ruff's.
4. Peak RSS of `mpguard server` with a 20,000-line file open (goal: ≤ 120 MiB; aim ≤ 80).

Results go to benchmarks/results.md (a section of its own) and docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import MPGUARD, clean_env, git_commit, lsp_session  # noqa: E402

PROJECTS = ("billiard-4.3.2", "black-26.10.1", "celery-5.7.0", "dask-2026.8.0", "distributed-2026.8.0",
            "flake8-7.5.0", "gunicorn-27.0.1", "joblib-1.6.0", "loky-3.7.0", "mypy-2.4.1", "pebble-5.2.3",
            "uvicorn-0.55.0")
GOAL_FLOOR, GOAL_REPEAT, GOAL_RUFF, GOAL_RSS, AIM_RSS = 2.0, 0.15, 3.0, 120.0, 80.0
START, END = "<!-- codebase:start -->", "<!-- codebase:end -->"

FLOOR = r"""
import ast, sys
from concurrent.futures import ProcessPoolExecutor
def parse(paths):
    for p in paths:
        try:
            with open(p, "rb") as f:
                ast.parse(f.read())
        except (SyntaxError, ValueError):
            pass
    return len(paths)
if __name__ == "__main__":
    files = [line for line in open(sys.argv[1]).read().splitlines() if line]
    with ProcessPoolExecutor(2) as pool:
        sum(pool.map(parse, [files[i:i + 8] for i in range(0, len(files), 8)]))
"""


def timed(cmd: list[str], env=None, cwd=None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env or clean_env(), cwd=cwd or tempfile.gettempdir())
    return time.perf_counter() - start, proc


def mpguard(*args) -> list[str]:
    return [sys.executable, "-m", "mpguard", "check", *args]


# --- 1. the standard library ----------------------------------------------------------------------------
def stdlib(work: Path) -> dict:
    from mpguard.linter.files import discover

    folder = Path(sysconfig.get_paths()["stdlib"])
    files = discover([folder])
    listing = work / "stdlib-files.txt"
    listing.write_text("\n".join(map(str, files)))
    lines = sum(p.read_bytes().count(b"\n") for p in files)
    script = work / "floor.py"
    script.write_text(FLOOR)
    env = {**clean_env(), "MPGUARD_CACHE_DIR": str(work / "stdlib-cache")}
    common = ["--output-format", "json", "--exit-zero", "--no-respect-gitignore", str(folder)]
    out = {"files": len(files), "lines": lines}
    # Interleaved: floor, first (empty cache), repeat; twice, keeping the better pair of each.
    floors, firsts, repeats, outputs = [], [], [], {}
    for round_ in range(2):
        shutil.rmtree(work / "stdlib-cache", ignore_errors=True)
        seconds, proc = timed([sys.executable, str(script), str(listing)])
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        floors.append(seconds)
        seconds, proc = timed(mpguard("--jobs", "2", *common), env)
        firsts.append(seconds)
        outputs["first (cache written, --jobs 2)"] = proc.stdout
        seconds, proc = timed(mpguard("--jobs", "2", *common), env)
        repeats.append(seconds)
        outputs["repeat (cache read, --jobs 2)"] = proc.stdout
        print(f"  stdlib round {round_ + 1}: floor {floors[-1]:.2f} s, first {firsts[-1]:.2f} s, "
              f"repeat {repeats[-1]:.2f} s", flush=True)
    _, proc = timed(mpguard("--no-cache", "--jobs", "1", *common), env)
    outputs["--no-cache --jobs 1"] = proc.stdout
    _, proc = timed(mpguard("--no-cache", "--jobs", "2", *common), {**env, "MPGUARD_NO_PREFILTER": "1"})
    outputs["no prefilter (--no-cache --jobs 2)"] = proc.stdout
    reference = outputs["--no-cache --jobs 1"]
    out.update(floor_s=min(floors), first_s=min(firsts), repeat_s=min(repeats),
               floors=floors, firsts=firsts, repeats=repeats, findings=len(json.loads(reference or b"[]")),
               identical={name: data == reference for name, data in outputs.items()})
    for name, data in outputs.items():  # (what differs, to be read when a run says "not identical")
        if data != reference:
            print(f"  {name} differs from --no-cache --jobs 1: " + _difference(reference, data), flush=True)
    out["ratio"] = out["first_s"] / out["floor_s"]
    out["repeat_ratio"] = out["repeat_s"] / out["first_s"]
    print(f"  stdlib: {lines:,} lines, {len(files):,} files: first ÷ floor {out['ratio']:.2f}, repeat ÷ first "
          f"{out['repeat_ratio']:.3f}, identical {out['identical']}", flush=True)
    return out


def _difference(reference: bytes, data: bytes, most: int = 5) -> str:
    """The findings one JSON output has and the other has not (file, row, code, message), a few of each."""
    def keyed(raw):
        try:
            return {(f.get("filename"), (f.get("location") or {}).get("row"), f.get("code"), f.get("message"))
                    for f in json.loads(raw or b"[]")}
        except (ValueError, AttributeError):
            return {("unreadable output", None, None, raw[-200:])}
    ours, theirs = keyed(reference), keyed(data)
    return f"only in the reference {sorted(ours - theirs, key=str)[:most]}; only here {sorted(theirs - ours, key=str)[:most]}"


# --- 2. PyPI projects against ruff ---------------------------------------------------------------------------
def projects(ruff: str | None) -> dict:
    cache = Path(os.environ.get("MPGUARD_SWEEP_CACHE", "/work/sweep-cache"))
    rows = []
    for name in PROJECTS:
        folder = cache / name
        if not folder.is_dir():
            print(f"  {name}: not in {cache} (scripts/sweep_packages.py fetches it)", flush=True)
            continue
        files = [p for p in folder.rglob("*.py")]
        lines = sum(p.read_bytes().count(b"\n") for p in files)
        mine, proc = timed(mpguard("--no-cache", "--exit-zero", "--output-format", "concise", "-q", str(folder)))
        row = {"project": name, "files": len(files), "lines": lines, "mpguard_s": mine,
               "mpguard_findings": len([l for l in proc.stdout.splitlines() if l.strip()])}
        if ruff:
            theirs, proc = timed([ruff, "check", "--select", "ALL", "--no-cache", "--exit-zero", "--quiet",
                                  "--output-format", "concise", str(folder)])
            row.update(ruff_s=theirs, ruff_findings=len([l for l in proc.stdout.splitlines() if l.strip()]))
        rows.append(row)
        print(f"  {name}: {lines:,} lines, mpguard {mine:.2f} s" + (f", ruff {row['ruff_s']:.2f} s" if ruff else ""),
              flush=True)
    total = {"mpguard_s": sum(r["mpguard_s"] for r in rows), "lines": sum(r["lines"] for r in rows)}
    if ruff and rows:
        total["ruff_s"] = sum(r["ruff_s"] for r in rows)
        total["ratio"] = total["mpguard_s"] / total["ruff_s"]
    return {"rows": rows, "total": total}


# --- 3. cold start, 4. RSS ------------------------------------------------------------------------------------
def cold_start(work: Path, ruff: str | None, repeats: int = 7) -> dict:
    small = work / "one.py"
    small.write_text(generate(60))
    checks = {"mpguard check (one file)": mpguard("--no-cache", "--exit-zero", str(small))}
    if ruff:
        checks["ruff check (one file)"] = [ruff, "check", "--no-cache", "--exit-zero", str(small)]
    out = {}
    for _ in range(repeats):  # interleaved
        for name, cmd in checks.items():
            out.setdefault(name, []).append(timed(cmd)[0] * 1000)
    servers = {"mpguard server": MPGUARD}
    if ruff:
        servers["ruff server"] = [ruff, "server"]
    for _ in range(3):
        for name, cmd in servers.items():
            session = lsp_session(name.split()[0], cmd, small, edits=1)
            if session.get("cold_start_ms") is not None:
                out.setdefault(f"{name} to first diagnostics", []).append(session["cold_start_ms"])
    return {name: {"median_ms": statistics.median(v), "min_ms": min(v), "max_ms": max(v), "runs": len(v)}
            for name, v in out.items()}


def server_rss(work: Path, ruff: str | None) -> dict:
    big = work / "mp_20000.py"
    big.write_text(generate(20_000))
    out = {"mpguard": lsp_session("mpguard", MPGUARD, big, edits=2).get("peak_rss_mib")}
    if ruff:
        out["ruff"] = lsp_session("ruff", [ruff, "server"], big, edits=2).get("peak_rss_mib")
    return out


# --- report -------------------------------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def report(meta: dict, std: dict | None, corpus: dict | None, start: dict | None, rss: dict | None) -> str:
    out = [f"Measured {meta['date']} on {meta['machine']}; mpguard {meta['commit']}, {meta['ruff']}. "
           f"Load average at start: {meta['load']}. Command: `{meta['command']}`.", ""]
    out += ["| Target | Measured | Goal | Verdict |", "|---|---|---|---|"]
    if std:
        out.append(f"| stdlib ({std['lines']:,} lines, {std['files']:,} files), `--jobs 2`, first run ÷ floor "
                   f"(read + `ast.parse` on 2 processes) | {std['first_s']:.2f} s ÷ {std['floor_s']:.2f} s = "
                   f"**{std['ratio']:.2f}×** | ≤ {GOAL_FLOOR}× | {verdict(std['ratio'] <= GOAL_FLOOR)} |")
        out.append(f"| stdlib repeat run (unchanged tree, cache) ÷ first run | {std['repeat_s']:.2f} s ÷ "
                   f"{std['first_s']:.2f} s = **{std['repeat_ratio']:.3f}×** | ≤ {GOAL_REPEAT}× | "
                   f"{verdict(std['repeat_ratio'] <= GOAL_REPEAT)} |")
        same = all(std["identical"].values())
        out.append(f"| stdlib findings identical: " + ", ".join(std["identical"]) +
                   f" ({std['findings']} findings) | {'all identical' if same else std['identical']} | identical | "
                   f"{verdict(same)} |")
    if corpus and "ratio" in corpus["total"]:
        t = corpus["total"]
        out.append(f"| {len(corpus['rows'])} PyPI projects ({t['lines']:,} lines), `mpguard check --no-cache` ÷ "
                   f"`ruff check --select ALL --no-cache` | {t['mpguard_s']:.1f} s ÷ {t['ruff_s']:.1f} s = "
                   f"**{t['ratio']:.2f}×** | ≤ {GOAL_RUFF}× | {verdict(t['ratio'] <= GOAL_RUFF)} |")
    if rss and rss.get("mpguard"):
        m = rss["mpguard"]
        ruff_rss = f" (ruff server {rss['ruff']:.0f} MiB)" if rss.get("ruff") else ""
        out.append(f"| peak RSS of `mpguard server`, 20,000-line file open{ruff_rss} | **{m:.0f} MiB** | "
                   f"≤ {GOAL_RSS:.0f} MiB (aim ≤ {AIM_RSS:.0f}) | {verdict(m <= GOAL_RSS)}"
                   f"{'' if m <= AIM_RSS else ' (aim missed)'} |")
    if start:
        out += ["", "Cold start (median of interleaved runs, min–max):", "",
                "| | median | min–max |", "|---|---|---|"]
        for name, row in start.items():
            out.append(f"| {name} | {row['median_ms']:.0f} ms | {row['min_ms']:.0f}–{row['max_ms']:.0f} ms |")
    if std:
        out += ["", f"stdlib runs (s): floor {', '.join(f'{x:.2f}' for x in std['floors'])}; first "
                f"{', '.join(f'{x:.2f}' for x in std['firsts'])}; repeat {', '.join(f'{x:.2f}' for x in std['repeats'])} "
                "(the better of each is used)."]
    if corpus:
        out += ["", "| Project | lines | mpguard | ruff --select ALL | ratio | findings (mpguard / ruff) |",
                "|---|---|---|---|---|---|"]
        for r in corpus["rows"]:
            ratio = f"{r['mpguard_s'] / r['ruff_s']:.2f}×" if r.get("ruff_s") else "-"
            out.append(f"| {r['project']} | {r['lines']:,} | {r['mpguard_s']:.2f} s | "
                       f"{r.get('ruff_s', float('nan')):.2f} s | {ratio} | {r['mpguard_findings']} / "
                       f"{r.get('ruff_findings', '-')} |")
    return "\n".join(out) + "\n"


def replace_section(path: Path, table: str, heading: str) -> None:
    text = path.read_text() if path.exists() else ""
    block = f"{START}\n{table}{END}"
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + f"\n\n{heading}\n\n{block}\n"
    path.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", default=[], choices=("stdlib", "projects", "start", "rss"))
    parser.add_argument("--no-write", action="store_true", help="print only; leave results.md and the docs alone")
    args = parser.parse_args(argv)
    ruff = shutil.which("ruff") or (str(Path(sys.executable).parent / "ruff")
                                    if (Path(sys.executable).parent / "ruff").exists() else None)
    meta = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "commit": git_commit(), "load": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
            "ruff": subprocess.run([ruff, "--version"], capture_output=True, text=True).stdout.strip()
            if ruff else "ruff not installed",
            "command": "python benchmarks/codebase.py" + "".join(f" --skip {s}" for s in args.skip)}
    # An installed wheel carries its bytecode; an editable checkout run with PYTHONDONTWRITEBYTECODE=1 would
    # compile all of mpguard on every start, and every worker process again (~90 ms each on this machine):
    # measure what users start, in every part.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "server" / "mpguard")], capture_output=True)
    with tempfile.TemporaryDirectory(prefix="mpguard-codebase-") as tmp:
        work = Path(tmp)
        std = stdlib(work) if "stdlib" not in args.skip else None
        corpus = projects(ruff) if "projects" not in args.skip else None
        start = cold_start(work, ruff) if "start" not in args.skip else None
        rss = server_rss(work, ruff) if "rss" not in args.skip else None
    table = report(meta, std, corpus, start, rss)
    print(table)
    if not args.no_write:
        heading = "## Checking a whole code base (issue 16: `benchmarks/codebase.py`)"
        replace_section(HERE / "results.md", table, heading)
        replace_section(ROOT / "docs" / "benchmarks.md", table, heading)
    return 0


if __name__ == "__main__":
    sys.exit(main())

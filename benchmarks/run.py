"""mpguard's speed benchmark (issue 6). One command, from the repository root:

    python benchmarks/run.py            # everything, ~6 minutes on 2 cores
    python benchmarks/run.py --quick    # fewer repetitions, no stdlib run

It (re)generates the inputs with benchmarks/generate.py, measures everything in one run, prints
the table, writes benchmarks/results.md, and replaces the results section of docs/benchmarks.md.
Ratios matter more than absolute numbers: the machine is shared and noisy, and both sides of a
ratio are measured in the same run, on the same files.
"""
from __future__ import annotations

import argparse
import ast
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
from lspclient import LspClient, ServerDied  # noqa: E402
import responsiveness  # noqa: E402

SIZES = (1_000, 5_000, 20_000)
# The one-line edits, each kind `edits` times in a row on the same line (a `return` line mid-file):
# a comment typed at its end (the tree does not change), an expression extended (a code change
# inside one function), and a new statement on a new row (every row below moves).
EDIT_KINDS = (("comment", "  # edit {v}"), ("code", " or {v}"), ("new row", "\n{indent}extra = {v}"))
MPGUARD = [sys.executable, "-m", "mpguard", "server"]
DOC_START, DOC_END = "<!-- results:start -->", "<!-- results:end -->"
GOAL_RATIO, GOAL_REQUEST_MS, GOAL_RSS_MIB, GOAL_LINES_PER_S = 2.0, 10.0, 120.0, 50_000
GOAL_HOVER_DELAY_MS = 50.0  # issue 19: a code action on a 40,000-line file delays a hover elsewhere by at most this
GOAL_CHECK_RATIO = 2.0  # issue 19: `mpguard check` on a pathological file ÷ its analysis alone


def clean_env() -> dict:
    env = dict(os.environ)
    env.pop("MPGUARD_STRICT", None)  # measure what users run: internal errors become MP002
    return env


def write_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for size in SIZES:
        files[f"{size:,}"] = folder / f"mp_{size}.py"
        files[f"{size:,}"].write_text(generate(size))
    files["5,000 (syntax error)"] = folder / "mp_syntax_error.py"
    files["5,000 (syntax error)"].write_text(generate(5_000).replace("def main():", "def main(:", 1))
    return files


def parse_only(text: str) -> None:
    try:
        ast.parse(text)
    except SyntaxError:
        pass  # the syntax-error input: time up to the error, like the analysis does


def median_ms(values) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


# --- 1. analysis vs ast.parse ----------------------------------------------------------------
def parse_ratio(files: dict[str, Path], reps: int) -> list[dict]:
    """Full analysis of each file ÷ `ast.parse` of it, twice: as the language server runs it (findings;
    fixes are built when a code action asks) and as `mpguard check` runs it (findings and fixes)."""
    from mpguard.config import Settings
    from mpguard.linter.analyze import analyze
    from mpguard.linter.files import package_of, resolver_for

    settings = Settings()
    rows = []
    for label, path in files.items():
        text = path.read_text()
        package = package_of(path)[0] or None
        for mode, fixes in (("server", False), ("check", True)):
            def run_analysis():
                return analyze(text, str(path), settings, resolver_for(path), package, fixes=fixes)

            run_analysis()  # warm-up: imports, caches of the rule modules
            parse_only(text)
            started = time.perf_counter()
            run_analysis()
            parse_only(text)
            # Small files take milliseconds: enough pairs for about a second of each (less with --quick),
            # so the medians settle.
            budget_s = 0.15 * reps
            pairs = max(reps, min(20 * reps, int(budget_s / max(time.perf_counter() - started, 1e-6))))
            parse_times, analysis_times = [], []
            for _ in range(pairs):  # interleaved, so both sides see the same machine load
                t0 = time.perf_counter()
                parse_only(text)
                t1 = time.perf_counter()
                result = run_analysis()
                t2 = time.perf_counter()
                parse_times.append(t1 - t0)
                analysis_times.append(t2 - t1)
            parse_s, analysis_s = statistics.median(parse_times), statistics.median(analysis_times)
            rows.append({"file": label, "mode": mode, "lines": text.count("\n"), "parse_ms": parse_s * 1000,
                         "analysis_ms": analysis_s * 1000, "ratio": analysis_s / parse_s,
                         "findings": len(result.findings), "pairs": pairs})
            print(f"  analysis/parse {label} ({mode}): {analysis_s * 1000:.1f} ms / {parse_s * 1000:.1f} ms "
                  f"= {analysis_s / parse_s:.2f}", flush=True)
    return rows


# --- 2-5. language servers over stdio -------------------------------------------------------------
def edit_line(text: str) -> tuple[int, int]:
    """The line the one-line edits touch: the first `return` at or after the middle."""
    lines = text.split("\n")
    for index in range(len(lines) // 2, len(lines)):
        if lines[index].lstrip().startswith("return "):
            return index, len(lines[index])
    return len(lines) // 2, len(lines[len(lines) // 2])


def lsp_session(name: str, cmd: list[str], path: Path, edits: int, requests: int = 0,
                timeout: float = 180.0, log_dir: Path | None = None) -> dict:
    """Cold start -> first diagnostics, then `edits` one-line edits of each kind (EDIT_KINDS) (didChange -> diagnostics),
    then (when `requests`) hover and code-action latencies, then peak RSS."""
    text = path.read_text()
    uri = path.resolve().as_uri()
    out: dict = {"server": name, "file": path.name, "latencies": [], "latencies_by_kind": {}, "error": None}
    stderr = str(log_dir / f"{name}-{path.stem}.stderr") if log_dir else None
    client = LspClient(cmd, cwd=str(path.parent), env=clean_env(), stderr_path=stderr)
    try:
        init = client.initialize(path.parent, timeout)
        sync = init.get("capabilities", {}).get("textDocumentSync")
        incremental = (sync.get("change") if isinstance(sync, dict) else sync) == 2
        client.open(uri, text)
        first, params = client.wait_diagnostics(uri, 0.0, 1, timeout)
        out["cold_start_ms"] = (first - client.started) * 1000
        out["diagnostics"] = len(params["diagnostics"])
        row, base = edit_line(text)
        lines = text.split("\n")
        indent = lines[row][:len(lines[row]) - len(lines[row].lstrip())]
        tail = ""  # what the edits appended to the edited line so far (possibly more rows)
        version = 1
        for kind, pattern in EDIT_KINDS:
            out["latencies_by_kind"][kind] = []
            for _ in range(edits):
                version += 1
                new_tail = pattern.format(v=version, indent=indent)
                if incremental:
                    end_row, end_col = row + tail.count("\n"), (base + len(tail) if "\n" not in tail
                                                                else len(tail.rsplit("\n", 1)[1]))
                    change = {"range": {"start": {"line": row, "character": base},
                                        "end": {"line": end_row, "character": end_col}}, "text": new_tail}
                else:
                    full = lines[:row] + [lines[row][:base] + new_tail] + lines[row + 1:]
                    change = {"text": "\n".join(full)}
                tail = new_tail
                sent = client.change(uri, version, [change])
                received, params = client.wait_diagnostics(uri, sent, version, timeout)
                out["latencies_by_kind"][kind].append(received - sent)
        out["latencies"] = out["latencies_by_kind"]["comment"]
        version += 1  # back to the text as it was, for the requests below
        end_row, end_col = row + tail.count("\n"), len(tail.rsplit("\n", 1)[1])
        restore = ({"range": {"start": {"line": row, "character": base}, "end": {"line": end_row, "character": end_col}},
                    "text": ""} if incremental else {"text": text})
        received, params = client.wait_diagnostics(uri, client.change(uri, version, [restore]), version, timeout)
        out["last_diagnostics"] = params["diagnostics"]
        if requests:
            out.update(request_latencies(client, uri, text, params["diagnostics"], requests, timeout))
        out["peak_rss_mib"] = client.peak_rss_mib()
    except (ServerDied, TimeoutError, RuntimeError) as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        out["peak_rss_mib"] = client.peak_rss_mib()
    finally:
        client.shutdown()
    lat = out["latencies"]
    print(f"  {name} {path.name}: cold start {out.get('cold_start_ms', float('nan')):.0f} ms, "
          f"didChange->diagnostics median {median_ms(lat):.1f} ms over {len(lat)} edits, "
          f"peak RSS {out.get('peak_rss_mib') or float('nan'):.0f} MiB"
          + (f", ERROR {out['error']}" if out["error"] else ""), flush=True)
    return out


def request_latencies(client: LspClient, uri: str, text: str, diagnostics: list, count: int,
                      timeout: float) -> dict:
    doc = {"uri": uri}
    positions = [d["range"]["start"] for d in diagnostics]  # hovers that explain a finding
    for row, line in enumerate(text.split("\n")):  # hovers on multiprocessing API names
        column = line.find("mp.Pool(")
        if column >= 0:
            positions.append({"line": row, "character": column + 3})
    positions = (positions * (count // max(1, len(positions)) + 1))[:count]
    hovers, answered = [], 0
    for pos in positions:
        took, result = client.request("textDocument/hover", {"textDocument": doc, "position": pos}, timeout)
        hovers.append(took)
        answered += result is not None
    actions, offered = [], 0
    targets = (diagnostics * (count // max(1, len(diagnostics)) + 1))[:count] if diagnostics else []
    for diag in targets:
        took, result = client.request("textDocument/codeAction", {
            "textDocument": doc, "range": diag["range"],
            "context": {"diagnostics": [diag], "triggerKind": 1}}, timeout)
        actions.append(took)
        offered += bool(result)
    return {"hover": hovers, "hover_answered": answered, "actions": actions, "actions_offered": offered}


# --- 6. the standard library ----------------------------------------------------------------------
def stdlib_run(jobs: int, timeout: float) -> dict:
    from mpguard.linter.files import discover

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = discover([stdlib])
    lines = 0
    for path in files:
        with open(path, "rb") as handle:
            lines += sum(1 for _ in handle)
    cmd = [sys.executable, "-m", "mpguard", "check", "--output-format", "json", "--exit-zero",
           "--jobs", str(jobs), "--no-respect-gitignore", str(stdlib)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, env=clean_env(), timeout=timeout, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return {"files": len(files), "lines": lines, "seconds": timeout, "error": f"timed out after {timeout} s",
                "crashes": None}
    seconds = time.perf_counter() - start
    out = {"files": len(files), "lines": lines, "seconds": seconds, "jobs": jobs, "returncode": proc.returncode,
           "error": None}
    try:
        items = json.loads(proc.stdout or b"[]")
    except ValueError:
        items = []
        out["error"] = f"unreadable JSON output; exit {proc.returncode}: {proc.stderr.decode()[-500:]}"
    internal = [i for i in items if i.get("code") == "MP002" and "internal error" in i.get("message", "")]
    out["crashes"] = len(internal) + (0 if proc.returncode in (0, 1) else 1)
    out["internal_errors"] = [f"{i['filename']}: {i['message']}" for i in internal][:10]
    out["mp001"] = sum(i.get("code") == "MP001" for i in items)
    out["mp002_other"] = sum(i.get("code") == "MP002" for i in items) - len(internal)
    out["findings"] = len(items)
    if proc.returncode not in (0, 1):
        out["error"] = f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}"
    print(f"  stdlib: {lines:,} lines in {len(files):,} files, {seconds:.1f} s with --jobs {jobs} "
          f"= {lines / seconds:,.0f} lines/s, crashes {out['crashes']}", flush=True)
    return out


# --- 7. mpguard check on the shapes of issue 19 ----------------------------------------------------
CHECK_SHAPES = (("lambdas", 2_003, "a `__main__` block of 2,003 lines: `pool.map(lambda ...)` each"),
                ("assignments", 200_000, "200,000 lines: an unguarded Pool, then plain assignments"))


def check_ratio(folder: Path, timeout: float) -> list[dict]:
    """What `mpguard check FILE` does for a file (analysis, the fixes its text output shows, rendering:
    `cli.batch.check_one` and `cli.output.render`, in this process) ÷ the analysis alone of FILE
    (without fixes), one after the other, the median of 3 pairs (1 for a file that takes seconds).
    The whole command in a fresh process (interpreter start and imports included) is reported too.
    Before issue 19 the check built and validated every fix, quadratically."""
    from mpguard.cli.batch import check_one
    from mpguard.cli.output import render
    from mpguard.config import Settings
    from mpguard.linter.analyze import analyze
    from mpguard.linter.lazy_fixes import wanted_for
    from shapes import SHAPES

    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings()

    def check(path):
        _, items, _, _ = check_one((path, settings, None, wanted_for("text")))
        return render("text", items)

    rows = []
    for shape, size, what in CHECK_SHAPES:
        path = folder / f"{shape}_{size}.py"
        text = SHAPES[shape](size)
        path.write_text(text)
        check(folder / "warm-up.py") if (folder / "warm-up.py").write_text(SHAPES[shape](50)) else None
        pairs = []
        for _ in range(3):
            started = time.perf_counter()
            result = analyze(text, str(path), settings, fixes=False)
            middle = time.perf_counter()
            check(path)
            pairs.append((middle - started, time.perf_counter() - middle))
            if middle - started > 1.0:
                break
        analysis_s = statistics.median(a for a, _ in pairs)
        check_s = statistics.median(c for _, c in pairs)
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "mpguard", "check", "--exit-zero", str(path)], cwd=folder,
                                  capture_output=True, text=True, timeout=timeout, env=clean_env())
            process_s, error = time.perf_counter() - started, None if done.returncode == 0 else done.stderr[-200:]
        except subprocess.TimeoutExpired:
            process_s, error = time.perf_counter() - started, f"timed out after {timeout:.0f} s"
        rows.append({"what": what, "lines": text.count("\n"), "findings": len(result.findings), "n": len(pairs),
                     "analysis_s": analysis_s, "check_s": check_s, "ratio": check_s / analysis_s,
                     "process_s": process_s, "error": error})
        print(f"  mpguard check / analysis {shape} {size}: {check_s:.2f} s / {analysis_s:.2f} s "
              f"= {check_s / analysis_s:.2f}; the command: {process_s:.2f} s", flush=True)
    return rows


# --- report ----------------------------------------------------------------------------------------
def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "**FAIL**")


def report(meta: dict, ratios: list[dict], sessions: dict, stdlib: dict | None, extra: list[str] = (),
           checks=()) -> str:
    out = [f"Measured {meta['date']} on {meta['machine']}; mpguard {meta['commit']}, {meta['ruff']}. "
           f"Load average at start: {meta['load']}. Command: `{meta['command']}`.", ""]
    out += ["| Measure | Input | mpguard | Goal / reference | Result |", "|---|---|---|---|---|"]
    for row in ratios:
        what = ("Full analysis ÷ `ast.parse` (language server: findings)" if row["mode"] == "server"
                else "Full analysis with fixes ÷ `ast.parse` (`mpguard check`)")
        # The goal is the analysis's (the server's row); `check` adds a validated fix for every finding.
        goal, result = (f"≤ {GOAL_RATIO:.1f}", verdict(row["ratio"] <= GOAL_RATIO)) if row["mode"] == "server" \
            else ("reported (the goal is the row above)", "reported")
        out.append(f"| {what} | {row['file']} lines | {row['ratio']:.2f} "
                   f"({row['analysis_ms']:.1f} ms ÷ {row['parse_ms']:.1f} ms, n={row['pairs']}) | {goal} | {result} |")
    for row in checks:
        shown = (f"{row['ratio']:.2f} ({row['check_s']:.2f} s ÷ {row['analysis_s']:.2f} s, n={row['n']}, "
                 f"{row['findings']:,} findings; the command in a fresh process: {row['process_s']:.2f} s)")
        if row["error"]:
            shown += f"; error: {row['error']}"
        out.append(f"| `mpguard check` ÷ its analysis alone (issue 19) | {row['what']} | {shown} | "
                   f"≤ {GOAL_CHECK_RATIO:.1f} | {verdict(row['ratio'] <= GOAL_CHECK_RATIO and not row['error'])} |")
    for label, pair in sessions.items():
        mine, ruff = pair.get("mpguard"), pair.get("ruff")
        for kind, _ in EDIT_KINDS:
            m = median_ms(_kind(mine, kind))
            r = median_ms(_kind(ruff, kind))
            if mine and mine["error"]:
                shown, ok = f"error: {mine['error']}", False
            else:
                shown = f"{m:.1f} ms (n={len(_kind(mine, kind))})"
                ok = (m <= r) if label == "20,000" and _kind(ruff, kind) else None
            ref = f"ruff server {r:.1f} ms" if _kind(ruff, kind) else "ruff: not measured"
            if _kind(ruff, kind) and _kind(mine, kind):
                ref += f" (mpguard ÷ ruff = {m / r:.1f}×)"
            goal = " ; goal ≤ ruff" if label == "20,000" else ""
            out.append(f"| didChange → diagnostics, median, one-line edit: {kind} | {label} lines | {shown} | "
                       f"{ref}{goal} | {verdict(ok) if label == '20,000' else 'reported'} |")
    five = sessions.get("5,000", {}).get("mpguard")
    if five and five.get("hover") is not None:
        for key, what in (("hover", "Hover"), ("actions", "Code action")):
            m = median_ms(five[key])
            answered = (f"{five['hover_answered']}/{len(five['hover'])} answered" if key == "hover"
                        else f"{five['actions_offered']}/{len(five['actions'])} with actions")
            out.append(f"| {what} latency, median | 5,000 lines | {m:.1f} ms (n={len(five[key])}, {answered}) | "
                       f"≤ {GOAL_REQUEST_MS:.0f} ms | {verdict(m <= GOAL_REQUEST_MS)} |")
    for label, pair in sessions.items():
        mine, ruff = pair.get("mpguard"), pair.get("ruff")
        if mine and "cold_start_ms" in mine:
            ref = f"ruff server {ruff['cold_start_ms']:.0f} ms" if ruff and "cold_start_ms" in ruff else "-"
            out.append(f"| Cold start → first diagnostics | {label} lines | {mine['cold_start_ms']:.0f} ms | "
                       f"{ref} | reported |")
    big = sessions.get("20,000", {})
    if big.get("mpguard"):
        rss = big["mpguard"].get("peak_rss_mib")
        ruff_rss = (big.get("ruff") or {}).get("peak_rss_mib")
        ref = f"≤ {GOAL_RSS_MIB:.0f} MiB" + (f" (ruff server {ruff_rss:.0f} MiB)" if ruff_rss else "")
        out.append(f"| Peak RSS of the server, file open + edits | 20,000 lines | "
                   f"{rss:.0f} MiB | {ref} | {verdict(rss is not None and rss <= GOAL_RSS_MIB)} |")
    out += extra
    if stdlib:
        if stdlib.get("seconds"):
            rate = stdlib["lines"] / stdlib["seconds"]
            ok = rate >= GOAL_LINES_PER_S and stdlib.get("crashes") == 0 and not stdlib.get("error")
            out.append(f"| `mpguard check --jobs {stdlib.get('jobs', '?')}` over the stdlib | "
                       f"{stdlib['lines']:,} lines, {stdlib['files']:,} files | {rate:,.0f} lines/s "
                       f"({stdlib['seconds']:.1f} s), {stdlib.get('crashes')} crashes | "
                       f"≥ {GOAL_LINES_PER_S:,} lines/s, 0 crashes | {verdict(ok)} |")
    out.append("")
    if stdlib:
        out.append(f"Standard library run: {stdlib.get('findings', 0)} findings, of which "
                   f"{stdlib.get('mp001', 0)} MP001 (files that do not parse on purpose, e.g. lib2to3 test data) and "
                   f"{stdlib.get('mp002_other', 0)} MP002 that are not internal errors (undecodable test files)."
                   + (f" Error: {stdlib['error']}." if stdlib.get("error") else ""))
        for line in stdlib.get("internal_errors", []):
            out.append(f"- internal error: {line}")
        out.append("")
    out.append("didChange → diagnostics in detail (push diagnostics over stdio; the same raw JSON-RPC client "
               "drives both servers; each edit waits for the diagnostics of its version):")
    out += ["", "| Input | Edit | mpguard median (min–max) | ruff server median (min–max) | findings (mpguard / ruff) |",
            "|---|---|---|---|---|"]
    for label, pair in sessions.items():
        counts = " / ".join(str((pair.get(n) or {}).get("diagnostics", "-")) for n in ("mpguard", "ruff"))
        for kind, _ in EDIT_KINDS:
            cells = []
            for name in ("mpguard", "ruff"):
                s = pair.get(name)
                lat = _kind(s, kind)
                if not lat:
                    cells.append(s["error"] if s and s["error"] else "-")
                    continue
                cells.append(f"{median_ms(lat):.1f} ms ({min(lat) * 1000:.1f}–{max(lat) * 1000:.1f}), n={len(lat)}")
            out.append(f"| {label} lines | {kind} | {cells[0]} | {cells[1]} | {counts} |")
    out.append("")
    return "\n".join(out)


def _kind(session: dict | None, kind: str) -> list:
    return (session or {}).get("latencies_by_kind", {}).get(kind, [])


def update_docs(table: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    if not doc.exists():
        return
    text = doc.read_text()
    if DOC_START not in text or DOC_END not in text:
        return
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    doc.write_text(f"{head}{DOC_START}\n{table}\n{DOC_END}{tail}")


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "server"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return f"`{head}`" + (" (+ uncommitted changes in server/)" if dirty else "")
    except OSError:
        return "unknown"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; no stdlib run")
    parser.add_argument("--no-ruff", action="store_true", help="skip the ruff server side")
    parser.add_argument("--no-stdlib", action="store_true", help="skip `mpguard check` over the stdlib")
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="--jobs for the stdlib run")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for any one answer")
    parser.add_argument("--only-checks", action="store_true",
                        help="only section 7 (mpguard check on the issue-19 shapes); prints, writes nothing")
    parser.add_argument("--codebase", action="store_true",
                        help="run benchmarks/codebase.py instead (issue 16: stdlib vs its floor, the cache, "
                             "PyPI projects vs ruff, cold start, server RSS)")
    args, rest = parser.parse_known_args(argv)
    if args.codebase:
        from codebase import main as codebase_main

        return codebase_main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.only_checks:
        work = Path(tempfile.mkdtemp(prefix="mpguard-bench-"))
        try:
            rows = check_ratio(work, max(args.timeout, 300.0))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": f"{os.cpu_count()} cores",
                "commit": git_commit(), "ruff": "ruff not measured",
                "load": " ".join(f"{x:.2f}" for x in os.getloadavg()), "command": "python benchmarks/run.py --only-checks"}
        print(report(meta, [], {}, None, checks=rows))
        return 0

    reps = 3 if args.quick else 7
    edits = {"1,000": 20, "5,000": 15, "20,000": 10, "5,000 (syntax error)": 15}
    if args.quick:
        edits = {k: max(3, v // 3) for k, v in edits.items()}
    requests = 15 if args.quick else 40
    ruff = shutil.which("ruff")
    if args.no_ruff:
        ruff = None
    elif ruff is None:
        print("ruff is not installed (pip install ruff): the ruff column stays empty", file=sys.stderr)
    ruff_version = subprocess.run([ruff, "--version"], capture_output=True, text=True).stdout.strip() if ruff \
        else "ruff not measured"
    meta = {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
                       f"Python {platform.python_version()}",
            "commit": git_commit(), "ruff": ruff_version,
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "command": "python benchmarks/run.py" + (" --quick" if args.quick else "")}

    work = Path(tempfile.mkdtemp(prefix="mpguard-bench-"))
    try:
        files = write_inputs(work / "inputs")
        print("1. full analysis vs ast.parse", flush=True)
        ratios = parse_ratio(files, reps)
        print("2-5. language servers over stdio", flush=True)
        sessions: dict = {}
        for label, path in files.items():
            sessions[label] = {}
            sessions[label]["mpguard"] = lsp_session("mpguard", MPGUARD, path, edits[label],
                                                     requests if label == "5,000" else 0, args.timeout, work)
            if ruff:
                sessions[label]["ruff"] = lsp_session("ruff", [ruff, "server"], path, edits[label], 0,
                                                      args.timeout, work)
        print("7. a server that never freezes: hover during a code action, change storm", flush=True)
        hover = responsiveness.hover_during_code_action(MPGUARD, work, timeout=max(args.timeout, 600.0),
                                                        env=clean_env())
        storm = responsiveness.change_storm(MPGUARD, work, timeout=max(args.timeout, 600.0), env=clean_env())
        extra = responsiveness.report_rows(hover, storm, GOAL_HOVER_DELAY_MS)
        print("8. mpguard check on the shapes of issue 19", flush=True)
        checks = check_ratio(work / "shapes", max(args.timeout, 300.0))
        stdlib = None
        if not (args.quick or args.no_stdlib):
            print("6. mpguard check over the standard library", flush=True)
            stdlib = stdlib_run(args.jobs, max(args.timeout, 900.0))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    table = report(meta, ratios, sessions, stdlib, extra, checks)
    (HERE / "results.md").write_text("# mpguard benchmark results\n\n" + table)
    if not args.no_docs:
        update_docs(table)
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

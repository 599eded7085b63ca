"""Issue 19's language-server rows: a server that never freezes.

1. Hover delay during a code action: a 40,000-line module and a 3-line script are open; a code action
   over the whole module (every finding's quick fix and noqa action: seconds of work) is sent, and
   while it is unanswered, hovers on the script are sent one after another. Their latency, minus the
   latency of the same hover with nothing else running, is the delay the code action causes.
2. A 5,000-change storm: one character per didChange at the end of a 2,000-line file, sent without
   waiting; the time until the diagnostics of the last version arrive, and whether they equal a fresh
   analysis of the final text.

    python benchmarks/responsiveness.py            # both, printed
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from lspclient import LspClient  # noqa: E402

SMALL = "import multiprocessing as mp\n\nmp.Process(target=lambda: None).start()\n"
TYPED = '''

def added_{n}(x):
    with mp.Pool(2) as pool:
        return pool.map(lambda y: y + {n}, x)
'''


def percentile(values, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _hovers(client: LspClient, uri: str, count: int, timeout: float) -> list[float]:
    out = []
    for _ in range(count):
        took, _ = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                        "position": {"line": 2, "character": 4}}, timeout)
        out.append(took)
        time.sleep(0.005)
    return out


def hover_during_code_action(cmd: list[str], work: Path, lines: int = 40_000, timeout: float = 600.0,
                             env: dict | None = None) -> dict:
    root = work / "responsive"
    root.mkdir(parents=True, exist_ok=True)
    big, small = root / "big.py", root / "small.py"
    big.write_text(generate(lines))
    small.write_text(SMALL)
    out: dict = {"lines": lines, "error": None}
    client = LspClient(cmd, cwd=str(root), env=env, stderr_path=str(work / "responsive.stderr"))
    try:
        client.initialize(root, timeout)
        for path in (big, small):
            client.open(path.as_uri(), path.read_text())
        client.wait_diagnostics(big.as_uri(), 0.0, 1, timeout)
        client.wait_diagnostics(small.as_uri(), 0.0, 1, timeout)
        out["idle"] = _hovers(client, small.as_uri(), 40, timeout)
        end = big.read_text().count("\n")
        rid, sent = client.send_request("textDocument/codeAction", {
            "textDocument": {"uri": big.as_uri()}, "context": {"diagnostics": []},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": end, "character": 0}}})
        during = []
        while not client.answered(rid):
            took, _ = client.request("textDocument/hover", {"textDocument": {"uri": small.as_uri()},
                                                            "position": {"line": 2, "character": 4}}, timeout)
            during.append(took)
            time.sleep(0.005)
        received, message = client.wait_response(rid, timeout, "codeAction")
        out.update(during=during, action_s=received - sent, actions=len(message.get("result") or []))
    except Exception as exc:  # a server that dies or times out is a result too
        out["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        client.shutdown()
    if out.get("during"):
        idle = statistics.median(out["idle"])
        out["delay_median_ms"] = (statistics.median(out["during"]) - idle) * 1000
        out["delay_p95_ms"] = (percentile(out["during"], 0.95) - idle) * 1000
        out["delay_max_ms"] = (max(out["during"]) - idle) * 1000
        print(f"  hover during a code action on {lines:,} lines: {len(out['during'])} hovers, delay median "
              f"{out['delay_median_ms']:.1f} ms, p95 {out['delay_p95_ms']:.1f} ms, max {out['delay_max_ms']:.1f} ms "
              f"(idle hover {idle * 1000:.1f} ms); the action took {out['action_s']:.1f} s "
              f"({out['actions']} actions)", flush=True)
    else:
        print(f"  hover during a code action: {out['error'] or 'no hover was sent'}", flush=True)
    return out


def _typed(count: int) -> str:
    text, n = "", 0
    while len(text) < count:
        text += TYPED.format(n=n)
        n += 1
    text = text[:count]
    text = text[:text.rindex(", x)\n") + len(", x)\n")]  # end on a complete statement
    return text + "#" * (count - len(text))


def change_storm(cmd: list[str], work: Path, changes: int = 5_000, seed_lines: int = 2_000,
                 timeout: float = 600.0, env: dict | None = None) -> dict:
    from mpguard.config import Settings
    from mpguard.linter.analyze import analyze
    from mpguard.linter.files import package_of, resolver_for
    from mpguard.lsp import convert
    from mpguard.text.source import SourceText

    root = work / "storm"
    root.mkdir(parents=True, exist_ok=True)
    path = root / "stormy.py"
    seed = generate(seed_lines)
    path.write_text(seed)
    uri = path.as_uri()
    out: dict = {"changes": changes, "error": None}
    client = LspClient(cmd, cwd=str(root), env=env, stderr_path=str(work / "storm.stderr"))
    try:
        client.initialize(root, timeout)
        client.open(uri, seed)
        client.wait_diagnostics(uri, 0.0, 1, timeout)
        text, version = seed, 1
        line, column = seed.count("\n"), len(seed) - (seed.rfind("\n") + 1)
        started = time.perf_counter()
        for char in _typed(changes):
            version += 1
            at = {"line": line, "character": column}
            client.change(uri, version, [{"range": {"start": at, "end": at}, "text": char}])
            text += char
            line, column = (line + 1, 0) if char == "\n" else (line, column + 1)
        received, params = client.wait_diagnostics(uri, started, version, timeout)
        out["seconds"] = received - started
        out["published"] = sum(1 for _, p in client.diagnostics if p.get("uri") == uri)
        got = sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                      d["range"]["end"]["line"], d["range"]["end"]["character"]) for d in params["diagnostics"])
        result = analyze(text, str(path), Settings(), resolver_for(path, root), package_of(path)[0] or None)
        source = SourceText(text)
        want = []
        for finding in result.findings:
            rng = convert.to_lsp_range(source, finding.start, finding.end, "utf-16")
            want.append((finding.code, rng.start.line, rng.start.character, rng.end.line, rng.end.character))
        out["equal"] = got == sorted(want)
        out["findings"] = len(got)
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        client.shutdown()
    if "seconds" in out:
        print(f"  {changes:,}-change storm: final diagnostics after {out['seconds']:.2f} s, "
              f"{out['published']} publications, equal to a fresh analysis: {out['equal']}", flush=True)
    else:
        print(f"  {changes:,}-change storm: {out['error']}", flush=True)
    return out


def report_rows(hover: dict | None, storm: dict | None, goal_ms: float) -> list[str]:
    rows = []
    if hover is not None:
        if hover.get("during"):
            ok = hover["delay_p95_ms"] <= goal_ms
            rows.append(
                f"| Hover delay on another document while a code action runs (whole-file range, "
                f"{hover['actions']:,} actions, {hover['action_s']:.1f} s) | {hover['lines']:,} lines | "
                f"p95 {hover['delay_p95_ms']:.1f} ms, median {hover['delay_median_ms']:.1f} ms, max "
                f"{hover['delay_max_ms']:.1f} ms (n={len(hover['during'])}; idle hover "
                f"{statistics.median(hover['idle']) * 1000:.1f} ms) | p95 ≤ {goal_ms:.0f} ms | "
                f"{'PASS' if ok else '**FAIL**'} |")
        else:
            rows.append(f"| Hover delay during a code action | {hover['lines']:,} lines | error: {hover['error']} | "
                        f"≤ {goal_ms:.0f} ms | **FAIL** |")
    if storm is not None:
        if "seconds" in storm:
            rows.append(f"| {storm['changes']:,}-change storm → final diagnostics | 2,000 lines + typing | "
                        f"{storm['seconds']:.2f} s, {storm['published']} publications; equal to a fresh analysis: "
                        f"{'yes' if storm['equal'] else 'NO'} | equal | {'PASS' if storm['equal'] else '**FAIL**'} |")
        else:
            rows.append(f"| {storm['changes']:,}-change storm | 2,000 lines | error: {storm['error']} | equal | "
                        f"**FAIL** |")
    return rows


def main() -> int:
    cmd = [sys.executable, "-m", "mpguard", "server"]
    work = Path(tempfile.mkdtemp(prefix="mpguard-responsive-"))
    hover = hover_during_code_action(cmd, work)
    storm = change_storm(cmd, work)
    print("\n".join(report_rows(hover, storm, 50.0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

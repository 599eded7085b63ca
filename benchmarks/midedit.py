"""The language server's mid-edit path (issue 16, point 3): what a keystroke that leaves a large file
unparsable costs, next to one that keeps it parsing, measured in one run on the same file.

    python benchmarks/midedit.py [--lines 5000] [--repeats 15]

A file that does not parse is read again through `mpguard.text.lowering` (syntax of a newer Python);
that scan runs from the edited statement to the end of the file. Per keystroke the server analyses the
new version (`incremental.reanalyze`, the diagnostics) and, while the cursor sits there, parses the same
version again for the code actions and the hover (`analyze.parse`). The row reports:

- broken ÷ clean: a keystroke that opens a bracket near the top (`x = (`) against one that edits a
  value on the same row, both re-analysed from the snapshot of the clean file;
- the time inside `lower` for the broken keystroke's diagnostics plus two requests on that version,
  and how many scans ran. Two bounds apply: `text.lowering_gate` skips the scan of a text in which no
  construct the lowering rewrites can be (a typo in plain code: 0 scans), and the lowering of the last
  few texts is kept (`newer_parse`), so a version is scanned once however often it is parsed.
Nothing here is asserted; tests/test_lowering_gate.py and tests/test_lowering_cache.py count the scans.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "server"))

from generate import generate  # noqa: E402

from mpguard.linter import analyze as A  # noqa: E402
from mpguard.linter.incremental import reanalyze  # noqa: E402
from mpguard.linter.settings import Settings  # noqa: E402
from mpguard.text import lowering, newer_parse  # noqa: E402


def _edits(text: str) -> tuple[str, str]:
    """(a clean edit, a breaking edit) on the same row near the top of `text`."""
    row = next(i for i, line in enumerate(text.splitlines(True)) if line.startswith("import ") or "=" in line)
    lines = text.splitlines(True)
    clean = lines[:row + 1] + ["_mid_edit = 1\n"] + lines[row + 1:]
    broken = lines[:row + 1] + ["_mid_edit = (\n"] + lines[row + 1:]
    return "".join(clean), "".join(broken)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    text = generate(args.lines)
    settings = Settings()
    base = A.analyze(text, "mp.py", settings, keep_state=True, fixes=False)
    clean, broken = _edits(text)

    scans = {"count": 0, "seconds": 0.0}
    real = lowering.lower

    def counted(*a, **k):
        start = time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            scans["count"] += 1
            scans["seconds"] += time.perf_counter() - start

    lowering.lower = counted

    def keystroke(version: str) -> None:
        reanalyze(base.state, version, settings, "mp.py", fixes=False) or \
            A.analyze(version, "mp.py", settings, keep_state=True, fixes=False)
        for _request in ("code action", "hover"):
            try:
                A.parse(version)
            except SyntaxError:
                pass

    def unbounded(on: bool) -> None:
        """The lowering as it was before issue 16's bounds: every parse of a broken text scans it."""
        newer_parse.may_lower = (lambda text: True) if on else gate
        newer_parse.RECENT_TEXTS = 0 if on else kept

    gate, kept = newer_parse.may_lower, newer_parse.RECENT_TEXTS
    cases = (("clean", clean, False), ("broken", broken, False), ("broken, unbounded", broken, True))
    times = {name: [] for name, _, _ in cases}
    last = {}
    for _ in range(args.repeats):  # interleaved
        for name, version, without_bounds in cases:
            unbounded(without_bounds)
            newer_parse.forget()  # each keystroke is a new version: nothing of the last one is reused
            before = dict(scans)
            start = time.perf_counter()
            keystroke(version)
            times[name].append(time.perf_counter() - start)
            last[name] = {k: scans[k] - before[k] for k in scans}
    unbounded(False)
    lowering.lower = real
    ms = {name: statistics.median(v) * 1000 for name, v in times.items()}
    print(f"{args.lines:,} lines, one keystroke near the top (diagnostics + code action + hover), median of "
          f"{args.repeats}, interleaved:")
    for name in times:
        print(f"  {name:18} {ms[name]:7.1f} ms  ({ms[name] / ms['clean']:.2f}x clean); in the lowering "
              f"{last[name]['seconds'] * 1000:.1f} ms over {last[name]['count']} scans")
    print(f"  broken ÷ broken unbounded = {ms['broken'] / ms['broken, unbounded']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build README.md from docs/README.in.md and the documents it quotes, so each text has one source.
The short README quotes only the rules table (rule registry); the other placeholders (the fix
measurement from docs/fixes.md, the VS Code settings, the editor snippets, the benchmark table) are
there for the longer pages that may quote them.

    python scripts/gen_readme.py          # write README.md
    python scripts/gen_readme.py --check  # exit 1 when README.md is out of date
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))


def section(path: str, heading: str, level: str = "##") -> str:
    """The body of `heading` in a markdown file (up to the next heading of the same level)."""
    text = (ROOT / path).read_text(encoding="utf-8") if (ROOT / path).exists() else ""
    match = re.search(rf"^{level} {re.escape(heading)}\n(.*?)(?=^{level} |\Z)", text, re.S | re.M)
    return match.group(1).strip() if match else ""


def first_table(text: str) -> str:
    match = re.search(r"((?:^\|.*\|\n?)+)", text, re.M)
    return match.group(1).strip() if match else ""


def editor_snippets() -> str:
    parts = []
    for title, heading, level in (("Neovim 0.11+", "Neovim 0.11+ (`vim.lsp.config`)", "###"),
                                  ("Neovim 0.7 (Debian 12)", "Neovim 0.7 (Debian 12's `neovim`)", "###"),
                                  ("Emacs (eglot)", "Emacs (eglot)", "##"),
                                  ("Helix", "Helix", "##"),
                                  ("Sublime Text (LSP package)", "Sublime Text (LSP package)", "##")):
        body = section("docs/editors.md", heading, level)
        block = re.search(r"```.*?```", body, re.S)
        if block:
            parts.append(f"#### {title}\n\n{block.group(0)}")
    return "\n\n".join(parts)


def codebase_speed(benchmarks: str) -> str:
    """The whole-codebase measurement of docs/benchmarks.md (benchmarks/codebase.py's block): when and how it was
    measured, its targets (stdlib floor, repeat run, real projects against ruff, server RSS) and the cold
    starts next to ruff's, so the README reports them as issue 16 asks, from their one source."""
    block = re.search(r"<!-- codebase:start -->\n(.*?)<!-- codebase:end -->", benchmarks, re.S)
    if not block:
        return "(not measured yet: python benchmarks/codebase.py)"
    body = block.group(1)
    measured = body.strip().splitlines()[0]
    tables = re.findall(r"((?:^\|.*\|\n?)+)", body, re.M)
    return "\n\n".join([measured, *(table.strip() for table in tables[:2])])


def build() -> str:
    from mpguard.rules.docs import rules_table

    text = (ROOT / "docs" / "README.in.md").read_text(encoding="utf-8")
    fixes = section("docs/fixes.md", "Measured on the oracle (`scripts/verify_fixes.py`)")
    benchmarks = (ROOT / "docs" / "benchmarks.md")
    values = {
        "RULES_TABLE": rules_table(),
        "FIXES_MEASURED": first_table(fixes) or "(see docs/fixes.md)",
        "VSCODE_SETTINGS": first_table(section("docs/vscode.md", "Settings")),
        "EDITOR_SNIPPETS": editor_snippets(),
        "SPEED": codebase_speed(benchmarks.read_text(encoding="utf-8") if benchmarks.exists() else ""),
        "BENCHMARKS": (first_table(benchmarks.read_text(encoding="utf-8")) if benchmarks.exists() else "")
        + "\n\nFull table and method: [docs/benchmarks.md](docs/benchmarks.md) (`python benchmarks/run.py`).",
    }
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def main() -> int:
    text = build()
    readme = ROOT / "README.md"
    if "--check" in sys.argv:
        current = readme.read_text(encoding="utf-8") if readme.exists() else ""
        if current != text:
            print("README.md is out of date: run python scripts/gen_readme.py", file=sys.stderr)
            return 1
        return 0
    readme.write_text(text, encoding="utf-8")
    print(f"wrote {readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

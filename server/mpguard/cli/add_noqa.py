"""`mpguard check --add-noqa`: silence every current finding with a `# noqa: CODE` comment, as ruff's
`--add-noqa` does (to adopt mpguard on an existing code base, then fix the findings one by one)."""
from __future__ import annotations

import sys

from mpguard.linter.files import analyze_path
from mpguard.linter.noqa import add_noqa

EXIT_CLEAN, EXIT_FAILED = 0, 1


def run_add_noqa(jobs) -> int:
    """Each file is read and written as it is (its line endings and BOM kept); a notebook is left alone,
    since its comments would have to go into the notebook's JSON."""
    added = failed = 0
    for path, settings, root in jobs:
        if path.suffix == ".ipynb":
            print(f"mpguard: {path}: --add-noqa does not edit notebooks", file=sys.stderr)
            continue
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                original = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mpguard: {path}: cannot read ({exc})", file=sys.stderr)
            failed += 1
            continue
        bom = "\ufeff" if original.startswith("\ufeff") else ""
        findings = analyze_path(path, settings, root).findings
        text, count = add_noqa(original[len(bom):], findings)
        if not count:
            continue
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(bom + text)
        except OSError as exc:
            print(f"mpguard: {path}: cannot write ({exc}); the file is unchanged", file=sys.stderr)
            failed += 1
            continue
        added += count
    print(f"Added {added} noqa directive{'s' if added != 1 else ''}.", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_CLEAN

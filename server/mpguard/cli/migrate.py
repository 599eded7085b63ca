"""`mpguard migrate [PATHS] --from 3.13 --to 3.14`: the shell over linter/migrate.py."""
from __future__ import annotations

import sys
from pathlib import Path

from mpguard.cli.selection import Selection
from mpguard.semantic.platforms import MAX_VERSION, MIN_VERSION, PLATFORMS

EXIT_SAME, EXIT_CHANGES, EXIT_USAGE = 0, 1, 2
# linter.migrate's FORMATS (a test keeps them equal): `mpguard check` builds this parser too, and should not
# import the migration's analysis to do so.
FORMATS = ("text", "markdown", "json")


def add_parser(sub) -> None:
    migrate = sub.add_parser("migrate", help="list what changes when the default start method changes "
                                             "(e.g. Linux, Python 3.13 -> 3.14: fork -> forkserver)")
    migrate.add_argument("paths", nargs="*", default=["."])
    migrate.add_argument("--from", dest="old", default="3.13", help="the Python version now (default 3.13)")
    migrate.add_argument("--to", dest="new", default="3.14", help="the Python version to move to (default 3.14)")
    migrate.add_argument("--platform", default="linux", choices=PLATFORMS, help="default: linux")
    migrate.add_argument("--output-format", choices=FORMATS, default="text")


def _version(text: str) -> str:
    major, _, minor = text.strip().partition(".")
    if not (major.isdigit() and minor.isdigit()) or not MIN_VERSION <= (int(major), int(minor)) <= MAX_VERSION:
        raise ValueError(f"not a Python version mpguard knows: {text!r} "
                         f"(from {MIN_VERSION[0]}.{MIN_VERSION[1]} to {MAX_VERSION[0]}.{MAX_VERSION[1]})")
    return f"{int(major)}.{int(minor)}"


def run(args) -> int:
    from mpguard.linter.migrate import migrate_paths, render

    try:
        old, new = _version(args.old), _version(args.new)
    except ValueError as exc:
        print(f"mpguard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"mpguard: error: no such file or directory: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    selection = Selection()
    jobs = []
    for path in selection.files(args.paths):
        resolved = selection.resolved(path)
        root = resolved.config.path.parent if resolved.config.path is not None else None
        jobs.append((path, resolved.settings, root))
    changes = migrate_paths(jobs, args.platform, old, new)
    print(render(args.output_format, changes, old, new, args.platform))
    return EXIT_CHANGES if changes else EXIT_SAME

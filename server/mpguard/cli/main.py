"""`mpguard check`, `mpguard rule`, `mpguard server`: ruff's conventions, thin over the core."""
from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mpguard import __version__
from mpguard.config import Settings, find_pyproject, load_pyproject, merge
from mpguard.fixes.apply import fix_all
from mpguard.linter.files import analyze_notebook, analyze_path, discover, package_of, resolver_for
from mpguard.cli.output import as_dict, render, text_line

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PARALLEL_THRESHOLD = 32


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits with 2 already; keep ruff's wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"mpguard: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="mpguard", description="Find multiprocessing hazards before they bite.")
    parser.add_argument("--version", action="version", version=f"mpguard {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    check = sub.add_parser("check", help="check files or folders (default: .)")
    check.add_argument("paths", nargs="*", default=["."])
    check.add_argument("--output-format", choices=["text", "json", "github", "sarif"], default="text")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    check.add_argument("--target", help="platforms to check for: windows,macos,linux")
    check.add_argument("--python-version", help="X.Y, or a range X.Y-X.Y")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="print the fixes as a diff instead of writing them")
    check.add_argument("--config", help="pyproject.toml to read [tool.mpguard] from")
    check.add_argument("--jobs", type=int, default=0, help="worker processes (default: every core)")
    check.add_argument("--stdin-filename", help="with the path `-`: the name of the file read from stdin")
    check.add_argument("--statistics", action="store_true", help="count the findings per rule instead")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", nargs="?")
    rule.add_argument("--all", action="store_true", help="list every rule")
    server = sub.add_parser("server", help="start the language server (stdio)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio")
    server.add_argument("--log-file", help="write the server log here")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "rule":
            return run_rule(args)
        if args.command == "server":
            from mpguard.lsp.server import run

            return run(args.tcp, args.log_file)
    except UsageError as exc:
        print(f"mpguard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    build_parser().print_help()
    return EXIT_USAGE


def settings_from(args) -> tuple[Settings, Path | None]:
    config = Path(args.config) if args.config else find_pyproject(Path.cwd())
    if args.config and not config.is_file():
        raise UsageError(f"no such config file: {args.config}")
    settings, warnings = load_pyproject(config) if config else (Settings(), [])
    overrides = {k: v for k, v in (("select", args.select), ("ignore", args.ignore), ("targets", args.target),
                                   ("python-version", args.python_version)) if v}
    settings, more = merge(settings, overrides, "command line")
    for message in warnings:
        print(f"mpguard: warning: {message}", file=sys.stderr)
    if more:
        raise UsageError("; ".join(more))
    return settings, config.parent if config else None


def _check_one(job):
    path, settings, root = job
    result = analyze_path(path, settings, root)
    return path, result


def run_check(args) -> int:
    settings, root = settings_from(args)
    if args.paths == ["-"]:
        return _run_stdin(args, settings, root)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    files = discover(args.paths)
    if args.fix or args.diff:
        return _run_fix(args, files, settings, root)
    jobs = [(p, settings, root) for p in files]
    workers = args.jobs or os.cpu_count() or 1
    if workers > 1 and len(jobs) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_check_one, jobs, chunksize=8))
    else:
        results = [_check_one(job) for job in jobs]
    items = []
    for path, result in results:
        items.extend(as_dict(str(path), f, result.source, settings.targets, result.cells) for f in result.findings)
    if args.statistics:
        return _statistics(args, items)
    output = render(args.output_format, items)
    if output or args.output_format in ("json", "sarif"):
        print(output)
    if args.output_format == "text" and not args.quiet:
        count = len(items)
        print(f"Found {count} finding{'s' if count != 1 else ''} in {len(files)} file{'s' if len(files) != 1 else ''}."
              if count else f"All checks passed ({len(files)} file{'s' if len(files) != 1 else ''}).", file=sys.stderr)
    return EXIT_FINDINGS if items and not args.exit_zero else EXIT_CLEAN


def _run_stdin(args, settings, root) -> int:
    """`mpguard check - --stdin-filename x.py`: what editors and pre-commit pipes use."""
    from mpguard.linter.analyze import analyze

    name = args.stdin_filename or "-"
    path = Path(name)
    data = sys.stdin.buffer.read()
    if (args.fix or args.diff) and path.suffix == ".ipynb":
        return _notebook_on_stdin_unfixed(args, data, path, settings, root)
    if args.fix or args.diff:
        return _fix_stdin(args, data, name, settings, root)
    package = package_of(path)[0] if args.stdin_filename else ""
    if path.suffix == ".ipynb":
        result = analyze_notebook(data, path, settings, root)
    else:
        result = analyze(data, name, settings, resolver_for(path, root), package or None)
    items = [as_dict(name, f, result.source, settings.targets, result.cells) for f in result.findings]
    if args.statistics:
        return _statistics(args, items)
    output = render(args.output_format, items)
    if output or args.output_format in ("json", "sarif"):
        print(output)
    return EXIT_FINDINGS if items and not args.exit_zero else EXIT_CLEAN


def _statistics(args, items) -> int:
    counts: dict = {}
    for item in items:
        counts.setdefault((item["code"], item["name"]), 0)
        counts[(item["code"], item["name"])] += 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if args.output_format == "json":
        print(json.dumps([{"code": c, "name": n, "count": k} for (c, n), k in rows], indent=2))
    else:
        for (code, name), count in rows:
            print(f"{count:>6}  {code:<6} {name}")
    return EXIT_FINDINGS if items and not args.exit_zero else EXIT_CLEAN


def _run_fix(args, files, settings, root) -> int:
    remaining = 0
    for path in files:
        if path.suffix == ".ipynb":  # listed as they are: a fix would have to rewrite the notebook's JSON
            remaining += _list_unfixed(path, analyze_path(path, settings, root), settings, sys.stdout)
            continue
        try:
            with open(path, encoding="utf-8", newline="") as handle:  # as it is: CRLF and CR stay
                original = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mpguard: {path}: cannot read ({exc})", file=sys.stderr)
            remaining += 1
            continue
        bom, text, fixed, applied, left = _fixed(args, original, path, settings, root)
        remaining += len(left)
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), fixed.splitlines(True),
                                                       f"a/{path}", f"b/{path}"))
        elif fixed != text:
            try:
                with open(path, "w", encoding="utf-8", newline="") as handle:  # keep CRLF as it is (3.9: no newline= on write_text)
                    handle.write(bom + fixed)
            except OSError as exc:
                print(f"mpguard: {path}: cannot write the fixes ({exc}); the file is unchanged", file=sys.stderr)
                remaining += 1
                continue
        _report_left(args, path, left, applied, sys.stdout)
    return EXIT_FINDINGS if remaining and not args.exit_zero else EXIT_CLEAN


def _fix_stdin(args, data: bytes, name: str, settings, root) -> int:
    """`mpguard check --fix -`: the fixed source on stdout (the findings left on stderr), like ruff;
    with `--diff`, the diff. Text that cannot be read is passed through unchanged."""
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not args.diff:
            sys.stdout.buffer.write(data)
        print(f"mpguard: {name}: cannot read ({exc}); left as it is", file=sys.stderr)
        return EXIT_FINDINGS
    bom, text, fixed, applied, left = _fixed(args, original, Path(name), settings, root, name)
    if args.diff:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), fixed.splitlines(True),
                                                   f"a/{name}", f"b/{name}"))
    else:
        sys.stdout.write(bom + fixed)
    _report_left(args, name, left, applied, sys.stderr)
    return EXIT_FINDINGS if left and not args.exit_zero else EXIT_CLEAN


def _report_left(args, name, left, applied, stream) -> None:
    """The findings no fix removed (on `stream`), and how many were fixed (on stderr)."""
    for finding in left:
        print(f"{name}:{finding.start.row}:{finding.start.column + 1}: {finding.code} {finding.message}", file=stream)
    if applied:
        print(f"mpguard: {name}: {'would fix' if args.diff else 'fixed'} {len(applied)} finding(s)", file=sys.stderr)


def _list_unfixed(path: Path, result, settings, stream) -> int:
    """A notebook's findings (on `stream`): fixes are not applied to notebooks. Returns how many."""
    for finding in result.findings:
        print(text_line(as_dict(str(path), finding, result.source, settings.targets, result.cells)), file=stream)
    if result.findings:
        print(f"mpguard: {path}: fixes are not applied to notebooks", file=sys.stderr)
    return len(result.findings)


def _notebook_on_stdin_unfixed(args, data: bytes, path: Path, settings, root) -> int:
    """Fixes are not applied to notebooks: `--fix` gives the notebook back as it came, `--diff` an
    empty diff, and the findings go to stderr."""
    if not args.diff:
        sys.stdout.buffer.write(data)
    found = _list_unfixed(path, analyze_notebook(data, path, settings, root), settings, sys.stderr)
    return EXIT_FINDINGS if found and not args.exit_zero else EXIT_CLEAN


def _fixed(args, original: str, path: Path, settings, root, name: str | None = None):
    """(BOM, text without it, fixed text, findings fixed, findings left)."""
    from mpguard.linter.analyze import analyze

    package, _ = package_of(path)
    resolver = resolver_for(path, root)
    check = lambda text: analyze(text, name or str(path), settings, resolver, package or None).findings
    bom = "\ufeff" if original.startswith("\ufeff") else ""  # positions and parsing go without it
    text = original[len(bom):]
    fixed, applied = fix_all(text, check, unsafe=args.unsafe_fixes)
    return bom, text, fixed, applied, check(fixed)


def run_rule(args) -> int:
    from mpguard.rules import registry

    if args.all or not args.code:
        for rule in registry.all_rules():
            print(f"{rule.code:<6} {rule.name:<34} {rule.summary}")
        return EXIT_CLEAN
    rule = registry.get(args.code)
    if rule is None:
        raise UsageError(f"unknown rule {args.code!r}; see `mpguard rule --all`")
    from mpguard.rules.docs import render_rule

    print(render_rule(rule))
    return EXIT_CLEAN

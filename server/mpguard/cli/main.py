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
from mpguard.config import Config, describe, errors, merge_config, parse_override
from mpguard.fixes.apply import fix_all
from mpguard.linter.files import analyze_notebook, analyze_path, package_of, resolver_for
from mpguard.cli import migrate as migrate_cli
from mpguard.cli.output import FORMATS, as_dict, render
from mpguard.cli.selection import Selection

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PARALLEL_THRESHOLD = 32


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits with 2 already; keep ruff's wording short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"mpguard: error: {message}\n")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="mpguard", description="Find multiprocessing hazards before they bite.")
    parser.add_argument("--version", action="version", version=f"mpguard {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    check = sub.add_parser("check", help="check files or folders (default: .)")
    check.add_argument("paths", nargs="*", default=["."])
    check.add_argument("--output-format", choices=FORMATS, default="text")
    check.add_argument("--select", help="comma-separated codes or prefixes to enable (ALL: every rule)")
    check.add_argument("--extend-select", help="codes or prefixes to enable besides the selected ones")
    check.add_argument("--ignore", help="comma-separated codes or prefixes to disable")
    check.add_argument("--per-file-ignores", action="append", metavar="GLOB:CODES",
                       help="codes to disable in the files a glob matches (repeatable)")
    check.add_argument("--exclude", help="comma-separated glob patterns to skip, instead of the default list")
    check.add_argument("--extend-exclude", help="comma-separated glob patterns to skip besides the others")
    check.add_argument("--force-exclude", action="store_true", default=None,
                       help="apply the exclusions to files named on the command line too")
    check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None,
                       help="check files that .gitignore files ignore")
    check.add_argument("--target", help="platforms to check for: windows,macos,linux")
    check.add_argument("--python-version", help="X.Y, or a range X.Y-X.Y")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a diff instead of writing them (exit 1 when there are any)")
    check.add_argument("--config", action="append", metavar="FILE|KEY=VALUE",
                       help="the configuration file to use (no other is looked for), or a setting that overrides "
                            "the configuration files, as TOML: --config 'select = [\"MP2\"]' (repeatable)")
    check.add_argument("--jobs", type=_jobs, default=None, help="worker processes (default: every core)")
    check.add_argument("--stdin-filename", help="with the path `-`: the name of the file read from stdin")
    check.add_argument("--statistics", action="store_true", help="count the findings per rule instead")
    check.add_argument("--show-settings", action="store_true",
                       help="print the settings the first file is checked with, and exit")
    check.add_argument("--show-files", action="store_true", help="print the files that would be checked, and exit")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", nargs="?")
    rule.add_argument("--all", action="store_true", help="list every rule")
    migrate_cli.add_parser(sub)
    server = sub.add_parser("server", help="start the language server (stdio)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio")
    server.add_argument("--log-file", help="write the server log here")
    return parser


def main(argv=None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # `mpguard check | head -1`: the reader has gone; so do we, quietly
        _silence_stdout()
        return EXIT_FINDINGS


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "rule":
            return run_rule(args)
        if args.command == "migrate":
            return migrate_cli.run(args)
        if args.command == "server":
            from mpguard.lsp.server import run

            return run(args.tcp, args.log_file)
    except UsageError as exc:
        print(f"mpguard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    build_parser().print_help()
    return EXIT_USAGE


def selection_from(args) -> Selection:
    """The configuration file (`--config FILE`), the overrides (`--config KEY=VALUE`, then the other flags),
    checked now: anything wrong on the command line is a usage error."""
    cwd = Path.cwd()
    config_file, overrides = None, []
    for entry in args.config or []:
        if Path(entry).is_file() or "=" not in entry:
            if not Path(entry).is_file():
                raise UsageError(f"no such config file: {entry}")
            if config_file is not None:
                raise UsageError("--config: only one configuration file can be given")
            config_file = Path(entry)
            continue
        try:
            overrides.append((parse_override(entry), f"--config {entry!r}", cwd))
        except ValueError as exc:
            raise UsageError(f"--config: {exc}") from None
    flags = {k: v for k, v in (("select", args.select), ("extend-select", args.extend_select),
                               ("ignore", args.ignore), ("per-file-ignores", args.per_file_ignores),
                               ("exclude", args.exclude), ("extend-exclude", args.extend_exclude),
                               ("targets", args.target), ("python-version", args.python_version)) if v is not None}
    overrides.append((flags, "command line", cwd))
    for raw, label, folder in overrides:
        problems = merge_config(Config(), raw, label, folder)[1]
        if problems:
            raise UsageError("; ".join(problems))
    return Selection(overrides, config_file, cwd, args.respect_gitignore, args.force_exclude)


def _report_config(messages) -> None:
    """Warnings about configuration files go to stderr; errors (bad rule codes) stop the run."""
    bad = errors(messages)
    if bad:
        raise UsageError("; ".join(dict.fromkeys(bad)))
    for message in dict.fromkeys(messages):
        print(f"mpguard: warning: {message}", file=sys.stderr)


def _check_one(job):
    path, settings, root = job
    result = analyze_path(path, settings, root)
    return path, result


def _root(config) -> Path | None:
    return config.path.parent if config.path is not None else None


def run_check(args) -> int:
    selection = selection_from(args)
    if args.paths == ["-"]:
        resolved = selection.resolved(args.stdin_filename)
        _report_config(resolved.messages)
        if args.show_settings:
            print(describe(resolved, args.stdin_filename or "-"))
            return EXIT_CLEAN
        return _run_stdin(args, resolved.settings, _root(resolved.config))
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    files = selection.files(args.paths)
    resolved = {path: selection.resolved(path) for path in files}
    _report_config([m for r in resolved.values() for m in r.messages])
    if args.show_files:
        for path in files:
            print(path)
        return EXIT_CLEAN
    if args.show_settings:
        if not files:
            raise UsageError("--show-settings: no file to check")
        print(describe(resolved[files[0]], files[0]))
        return EXIT_CLEAN
    jobs = [(p, resolved[p].settings, _root(resolved[p].config)) for p in files]
    if args.fix or args.diff:
        return _run_fix(args, jobs)
    workers = args.jobs or os.cpu_count() or 1
    if workers > 1 and len(jobs) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_check_one, jobs, chunksize=8))
    else:
        results = [_check_one(job) for job in jobs]
    items = []
    for path, result in results:
        targets = resolved[path].settings.targets
        items.extend(as_dict(str(path), f, result.source, targets, result.cells) for f in result.findings)
    if args.statistics:
        return _statistics(args, items)
    _emit(args, items)
    if args.output_format in ("text", "concise") and not args.quiet:
        _summary(items, len(files), args)
    return EXIT_FINDINGS if items and not args.exit_zero else EXIT_CLEAN


def _emit(args, items, stream=None) -> None:
    output = render(args.output_format, items)
    if output or args.output_format in ("json", "sarif"):
        print(output, file=stream or sys.stdout)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _summary(items, nfiles: int, args) -> None:
    """The last lines on stderr: how many findings, and how many `--fix` would fix (like ruff)."""
    count = len(items)
    if not count:
        print(f"All checks passed ({_plural(nfiles, 'file')}).", file=sys.stderr)
        return
    print(f"Found {_plural(count, 'finding')} in {_plural(nfiles, 'file')}.", file=sys.stderr)
    safe = sum(1 for i in items if i["fix"] and i["fix"]["applicability"] == "safe")
    unsafe = sum(1 for i in items if i["fix"] and i["fix"]["applicability"] == "unsafe")
    if safe:
        print(f"[*] {safe} fixable with --fix.", file=sys.stderr)
    if unsafe and not args.unsafe_fixes:
        print(f"({unsafe} more fixable with --fix --unsafe-fixes.)", file=sys.stderr)


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
    _emit(args, items)
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


def _run_fix(args, jobs) -> int:
    """`--fix`: write the fixes, then print what is left in the chosen format. `--diff`: print only the
    diff on stdout (what is left goes to stderr) and exit 1 when there is anything to fix, like ruff."""
    left_items: list[dict] = []
    unreadable = pending = 0
    for path, settings, root in jobs:
        if path.suffix == ".ipynb":  # listed as they are: a fix would have to rewrite the notebook's JSON
            result = analyze_path(path, settings, root)
            left_items.extend(_notebook_items(path, result, settings))
            continue
        try:
            with open(path, encoding="utf-8", newline="") as handle:  # as it is: CRLF and CR stay
                original = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mpguard: {path}: cannot read ({exc})", file=sys.stderr)
            unreadable += 1
            continue
        bom, text, fixed, applied, left = _fixed(args, original, path, settings, root)
        pending += len(applied)
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), fixed.splitlines(True),
                                                       f"a/{path}", f"b/{path}"))
        elif fixed != text:
            try:
                with open(path, "w", encoding="utf-8", newline="") as handle:  # keep CRLF as it is (3.9: no newline= on write_text)
                    handle.write(bom + fixed)
            except OSError as exc:
                print(f"mpguard: {path}: cannot write the fixes ({exc}); the file is unchanged", file=sys.stderr)
                unreadable += 1
                continue
        left_items.extend(as_dict(str(path), f, None, settings.targets) for f in left)
        _report_fixed(args, path, applied)
    if args.diff:
        _emit_left(args, left_items, sys.stderr)
        return EXIT_FINDINGS if (pending or unreadable) and not args.exit_zero else EXIT_CLEAN
    _emit_left(args, left_items, sys.stdout)
    return EXIT_FINDINGS if (left_items or unreadable) and not args.exit_zero else EXIT_CLEAN


def _emit_left(args, items, stream) -> None:
    """What no fix removed: in the chosen format on stdout, as text lines on stderr (beside a diff or a
    fixed source on stdout)."""
    if stream is sys.stdout:
        _emit(args, items)
        if args.output_format in ("text", "concise") and not args.quiet and items:
            print(f"{_plural(len(items), 'finding')} left.", file=sys.stderr)
    elif items:
        print(render("concise", items), file=stream)


def _fix_stdin(args, data: bytes, name: str, settings, root) -> int:
    """`mpguard check --fix -`: the fixed source on stdout (the findings left on stderr), like ruff;
    with `--diff`, the diff (exit 1 when there is one). Text that cannot be read is passed through unchanged."""
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
    _emit_left(args, [as_dict(name, f, None, settings.targets) for f in left], sys.stderr)
    _report_fixed(args, name, applied)
    if args.diff:
        return EXIT_FINDINGS if applied and not args.exit_zero else EXIT_CLEAN
    return EXIT_FINDINGS if left and not args.exit_zero else EXIT_CLEAN


def _report_fixed(args, name, applied) -> None:
    if applied:
        print(f"mpguard: {name}: {'would fix' if args.diff else 'fixed'} {len(applied)} finding(s)", file=sys.stderr)


def _notebook_items(path, result, settings) -> list[dict]:
    """A notebook's findings: fixes are not applied to notebooks."""
    if result.findings:
        print(f"mpguard: {path}: fixes are not applied to notebooks", file=sys.stderr)
    return [as_dict(str(path), f, result.source, settings.targets, result.cells) for f in result.findings]


def _notebook_on_stdin_unfixed(args, data: bytes, path: Path, settings, root) -> int:
    """Fixes are not applied to notebooks: `--fix` gives the notebook back as it came, `--diff` an
    empty diff, and the findings go to stderr."""
    if not args.diff:
        sys.stdout.buffer.write(data)
    items = _notebook_items(path, analyze_notebook(data, path, settings, root), settings)
    _emit_left(args, items, sys.stderr)
    if args.diff:
        return EXIT_CLEAN
    return EXIT_FINDINGS if items and not args.exit_zero else EXIT_CLEAN


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

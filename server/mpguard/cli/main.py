"""`mpguard check`, `mpguard rule`, `mpguard server`: ruff's conventions, thin over the core."""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mpguard import __version__
from mpguard.config import Config, describe, errors, merge_config, parse_override
from mpguard.fixes.apply import allowed, apply_edits, apply_round, fix_all
from mpguard.resolve.project import INDEX
from mpguard.linter.files import analyze_notebook, analyze_path, failed, package_of, resolver_for
from mpguard.linter.lazy_fixes import MARKED, MARKED_ROWS, settle, wanted_for
from mpguard.text.reading import UnreadableFile, digest, read_regular
from mpguard.linter.sites import Relocation
from mpguard.cli.budget import FileTimeout, time_budget
from mpguard.cli.full import use_colour
from mpguard.cli.output import FORMATS, TEXT_FORMATS, as_dict, render
from mpguard.text.source import SourceText
from mpguard.cli import migrate as migrate_cli
from mpguard.cli.selection import Selection
from mpguard.cli.writes import NotWritten, replace_all_checked, replace_checked, tree_of
from mpguard.cli.batch import after_timeout, check_one, checked, open_cache, with_snippets

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FIX_ROUNDS = 100  # `--fix` applies, re-checks and repeats until nothing is left to fix, at most this often


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
    check.add_argument("--output-format", choices=FORMATS, default="full",
                       help="full (the source around each finding), concise (one line each), json, json-lines, "
                            "github, gitlab, junit, pylint or sarif; text is an old name of full")
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
    check.add_argument("--add-noqa", action="store_true",
                       help="add a `# noqa: CODE` comment for each finding (merged into a noqa comment already there)")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a diff instead of writing them (exit 1 when there are any)")
    check.add_argument("--config", action="append", metavar="FILE|KEY=VALUE",
                       help="the configuration file to use (no other is looked for), or a setting that overrides "
                            "the configuration files, as TOML: --config 'select = [\"MP2\"]' (repeatable)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache across runs")
    check.add_argument("--cache-dir", help="where the cache across runs lives (default: .mpguard_cache in the "
                                           "project root; also MPGUARD_CACHE_DIR or the cache-dir setting)")
    check.add_argument("--jobs", type=_jobs, default=None, help="worker processes (default: every core)")
    check.add_argument("--stdin-filename", help="with the path `-`: the name of the file read from stdin")
    check.add_argument("--statistics", action="store_true", help="count the findings per rule instead")
    check.add_argument("--report-at-site", action="store_true",
                       help="report a hazard found at a call in the module where it happens (the task's raise, a "
                            "helper's Process(...), a nested pool) when that module is checked too (linter/sites.py)")
    check.add_argument("--show-settings", action="store_true",
                       help="print the settings the first file is checked with, and exit")
    check.add_argument("--show-files", action="store_true", help="print the files that would be checked, and exit")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    rule = sub.add_parser("rule", help="explain a rule")
    rule.add_argument("code", nargs="?")
    rule.add_argument("--all", action="store_true", help="list every rule")
    explain = sub.add_parser("explain", help="name the rule behind a multiprocessing error (a traceback) and where it is")
    explain.add_argument("file", nargs="?", default="-", help="the traceback or error text (default: stdin)")
    explain.add_argument("--root", default=".", help="the project to look for the code in (default: .)")
    explain.add_argument("--output-format", choices=("text", "json"), default="text")
    migrate_cli.add_parser(sub)
    server = sub.add_parser("server", help="start the language server (stdio)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio")
    server.add_argument("--log-file", help="write the server log here")
    return parser


def main(argv=None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()
        if argv is None and _exit_at_once and not _observed():
            _hard_exit(code)
        return code
    except BrokenPipeError:  # `mpguard check | head -1`: the reader has gone; so do we, quietly
        _silence_stdout()
        return EXIT_FINDINGS
    except Exception:  # a bug of ours outside any one file: exit 2, never 1 ("findings")
        import traceback

        traceback.print_exc()
        print("mpguard: internal error (the traceback above); please report it", file=sys.stderr)
        return EXIT_USAGE


# Set by `mpguard check` once it is done. Run from the command line (`main()` without arguments: the
# `mpguard` script, `python -m mpguard`), the process then ends without tearing its objects down: after
# checking a project, freeing the project index object by object took 0.2-0.5 s (distributed, dask) of a
# run whose output was already written. (Tests and other callers pass arguments: they return as usual.)
_exit_at_once = False


def _observed() -> bool:
    """Is the process profiled or traced (cProfile, coverage, a debugger)? Their results are written at
    exit: the process then ends as usual."""
    return sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules


def _hard_exit(code: int) -> None:
    """Flush what is written and end the process now (what a run keeps on disk, the cache, is saved
    already; a helper process of jedi's ends when its stdin closes with this process)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv=None) -> int:
    global _exit_at_once
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            code = run_check(args)
            _exit_at_once = True
            return code
        if args.command == "rule":
            return run_rule(args)
        if args.command == "explain":
            from mpguard.cli.explain import run_explain

            return run_explain(args)
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


SKIPPED = {"marks": f"[*] marks are shown for files with at most {MARKED:,} findings and {MARKED_ROWS:,} lines; "
                    "--fix, --diff and --output-format json build every fix",
           "all": "the file's fixes outgrew their size budget"}


def _missing(path: str) -> bool:
    """Not there at all (a usage error). A path that exists but cannot be looked at (inside a folder that
    cannot be entered) is not missing: it is reported as that file's finding."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def _root(config) -> Path | None:
    return config.path.parent if config.path is not None else None


def run_check(args) -> int:
    selection = selection_from(args)
    if args.add_noqa and (args.fix or args.diff or args.paths == ["-"]):
        raise UsageError("--add-noqa works on files, and not with --fix or --diff")
    if args.paths == ["-"]:
        resolved = selection.resolved(args.stdin_filename)
        _report_config(resolved.messages)
        if args.show_settings:
            print(describe(resolved, args.stdin_filename or "-"))
            return EXIT_CLEAN
        return _run_stdin(args, resolved.settings, _root(resolved.config))
    missing = [p for p in args.paths if _missing(p)]
    if missing:
        raise UsageError(f"no such file or directory: {missing[0]}")
    files = selection.files(args.paths)
    for problem in selection.problems:  # folders that could not be listed: their files were not checked
        print(f"mpguard: warning: {problem}", file=sys.stderr)
    unlisted = bool(selection.problems) and not args.exit_zero
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
        return max(_run_fix(args, jobs), EXIT_FINDINGS if unlisted else EXIT_CLEAN)
    if args.add_noqa:
        from mpguard.cli.add_noqa import run_add_noqa

        return run_add_noqa(jobs)
    workers = args.jobs or os.cpu_count() or 1
    wanted = wanted_for(args.output_format, args.statistics)
    jobs = [job + (wanted,) for job in jobs]
    first = resolved[files[0]].config if files else None
    cache = open_cache(args.no_cache, args.cache_dir, first.cache_dir if first else None, _root(first) if first else None)
    # Findings are printed as each file's are known, unless the format is one document (json, sarif, junit, gitlab).
    streaming = not args.statistics and args.output_format not in ("json", "sarif", "junit", "gitlab")
    items = []
    # with --report-at-site, a finding whose hazard happens in another file of the run moves there; by default
    # it stays at the call in the file analysed, as the language server shows it (a file's findings then
    # depend on that file and what it imports, not on which other files the run names)
    relocation = Relocation(files if args.report_at_site else ())
    for path, file_items, skipped in checked(jobs, workers, cache):
        if skipped:
            print(f"mpguard: note: {path}: {skipped} findings are shown without their fixes ({SKIPPED[wanted]})",
                  file=sys.stderr)
        file_items = relocation.keep(path, file_items)
        items.extend(file_items)
        if streaming and file_items:
            _emit(args, file_items)
    moved = with_snippets(relocation.moved())
    items = relocation.in_run_order(items + moved)
    if streaming and moved:
        _emit(args, moved)
    if args.statistics:
        return max(_statistics(args, items), EXIT_FINDINGS if unlisted else EXIT_CLEAN)
    if not streaming:
        _emit(args, items)
    if args.output_format in TEXT_FORMATS and not args.quiet:
        _summary(items, len(files), args, complete=not selection.problems)
    return EXIT_FINDINGS if (items or unlisted) and not args.exit_zero else EXIT_CLEAN


def _emit(args, items, stream=None) -> None:
    stream = stream or sys.stdout
    output = render(args.output_format, items, colour=use_colour(stream))
    if output or args.output_format in ("json", "sarif", "gitlab", "junit"):
        print(output, file=stream)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _summary(items, nfiles: int, args, complete: bool = True) -> None:
    """The last lines on stdout, after the findings (as ruff prints them): how many findings, and how many
    `--fix` would fix. stdout, not stderr, so a piped or paged listing keeps them after its last finding."""
    count = len(items)
    if count and args.output_format != "concise":
        print()  # the full listing's findings are blocks; a blank line sets the summary apart, as in ruff's
    if not count:
        print(f"All checks passed ({_plural(nfiles, 'file')})." if complete else
              f"No findings in {_plural(nfiles, 'file')}, but some folders could not be listed (see above).",
              )
        return
    print(f"Found {_plural(count, 'finding')} in {_plural(nfiles, 'file')}.", )
    safe = sum(1 for i in items if i["fix"] and i["fix"]["applicability"] == "safe")
    unsafe = sum(1 for i in items if i["fix"] and i["fix"]["applicability"] == "unsafe")
    if safe:
        print(f"[*] {safe} fixable with the `--fix` option.", )
    if unsafe and not args.unsafe_fixes:
        hidden = f"{unsafe} hidden fix{'es' if unsafe != 1 else ''}"
        print(f"({hidden} can be enabled with the `--unsafe-fixes` option.)", )


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
        result = analyze(data, name, settings, resolver_for(path, root), package or None, fixes="lazy")
    findings, skipped = settle(result.findings, wanted_for(args.output_format, args.statistics),
                               result.source.text if result.source else "")
    if skipped:
        print(f"mpguard: note: {name}: {skipped} findings are shown without their fixes "
              f"({SKIPPED[wanted_for(args.output_format)]})", file=sys.stderr)
    items = [as_dict(name, f, result.source, settings.targets, result.cells) for f in findings]
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
    diff on stdout (what is left goes to stderr) and exit 1 when there is anything to fix, like ruff.
    Each file is read and fixed within its time budget, then written (see `cli.writes`: atomically, and
    never over an edit made meanwhile); a file that cannot be read, fixed or written is reported alone."""
    left_items: list[dict] = []
    troubled = pending = 0
    for job in jobs:
        path, settings, _ = job
        try:
            with time_budget(settings.file_timeout):
                plan = _plan_fix(args, *job)
        except FileTimeout as exc:
            after_timeout()
            plan = (_as_items(path, failed(str(exc)), settings), True)
        if isinstance(plan, FixPlan):
            items, applied, trouble = _carry_out(args, job, plan)
        else:
            (items, trouble), applied = plan, []
        left_items.extend(items)
        pending += len(applied)
        troubled += trouble
    if args.diff:
        _emit_left(args, left_items, sys.stderr)
        return EXIT_FINDINGS if (pending or troubled) and not args.exit_zero else EXIT_CLEAN
    _emit_left(args, left_items, sys.stdout)
    return EXIT_FINDINGS if (left_items or troubled) and not args.exit_zero else EXIT_CLEAN


def _as_items(path, result, settings) -> list[dict]:
    return [as_dict(str(path), f, result.source, settings.targets, result.cells) for f in result.findings]


@dataclass
class FixPlan:
    data: bytes  # what was read and analysed
    bom: str
    text: str
    fixed: str
    applied: list
    left: list


def _plan_fix(args, path: Path, settings, root) -> FixPlan | tuple[list[dict], bool]:
    """The fixes of one file, or, when it has none to offer, its findings as items and whether the exit
    code must show a problem (a file that cannot be read)."""
    if path.suffix == ".ipynb":  # listed as they are: a fix would have to rewrite the notebook's JSON
        return _notebook_items(path, analyze_path(path, settings, root), settings), False
    try:
        data = read_regular(path)
        original = data.decode("utf-8")  # as it is: CRLF and CR stay
    except (UnreadableFile, UnicodeDecodeError):
        return _as_items(path, analyze_path(path, settings, root), settings), True
    plan = FixPlan(data, *_fixed(args, original, path, settings, root))
    _report_unconverged(args, path, plan.fixed, plan.left)
    return plan


def _carry_out(args, job, plan: FixPlan) -> tuple[list[dict], list, bool]:
    """Show (`--diff`) or write the fixes of one file, outside its time budget: a write is never cut short.
    (the findings left, as items; the findings fixed; whether the exit code must show a problem)"""
    path, settings, _ = job
    if args.diff:
        import difflib  # only for --diff

        sys.stdout.writelines(difflib.unified_diff(plan.text.splitlines(True), plan.fixed.splitlines(True),
                                                   f"a/{path}", f"b/{path}"))
        across = _across(args, plan.left)
        if across is not None:  # what the first fix that edits other files too would change there
            for other in across.others:
                shown = os.path.relpath(other.path)  # (as the file the command named is shown)
                sys.stdout.writelines(difflib.unified_diff(
                    other.text.splitlines(True), apply_edits(other.text, other.edits).splitlines(True),
                    f"a/{shown}", f"b/{shown}"))
            plan = FixPlan(plan.data, plan.bom, plan.text, plan.fixed,
                           [*plan.applied, next(f for f in plan.left if f.fix is across)], plan.left)
    elif plan.fixed != plan.text:
        try:
            replace_checked(path, (plan.bom + plan.fixed).encode("utf-8"), digest(plan.data),
                            tree_of(path, args.paths))
        except NotWritten as exc:
            print(f"mpguard: {path}: {exc}", file=sys.stderr)
            return check_one(job + (wanted_for(args.output_format, False),))[1], [], True
    if not args.diff:
        plan = _fix_across(args, job, plan)
    _report_fixed(args, path, plan.applied)
    return [as_dict(str(path), f, SourceText(plan.fixed), settings.targets) for f in plan.left], plan.applied, False


def _across(args, left):
    """The first allowed fix of the findings left that edits other files of the project too (`Fix.others`)."""
    return next((f.fix for f in sorted(left, key=lambda f: (f.start, f.code))
                 if f.fix is not None and f.fix.others and allowed(f.fix, args.unsafe_fixes)), None)


def _fix_across(args, job, plan: FixPlan) -> FixPlan:
    """After a file's own fixes are written: the fixes that edit other files of the project too (a lambda lifted
    in the helper module that makes it), one per round, each written to all its files or to none
    (`cli.writes.replace_all_checked`), then the file is checked and fixed again (what it imports changed)."""
    path, settings, root = job
    applied = list(plan.applied)
    for _ in range(FIX_ROUNDS):
        fix = _across(args, plan.left)
        if fix is None:
            break
        finding = next(f for f in plan.left if f.fix is fix)
        files = [(path, (plan.bom + apply_edits(plan.fixed, fix.edits)).encode("utf-8"),
                  digest((plan.bom + plan.fixed).encode("utf-8")))] if fix.edits else []
        for other in fix.others:
            files.append((Path(other.path), apply_edits(other.text, other.edits).encode("utf-8"), other.digest))
        try:
            replace_all_checked(files, tree_of(path, args.paths))
        except NotWritten as exc:
            print(f"mpguard: {path}: {exc}", file=sys.stderr)
            break
        applied.append(finding)
        INDEX.new_epoch()  # the other modules changed: their summaries are read again
        try:
            with time_budget(settings.file_timeout):
                again = _plan_fix(args, path, settings, root)
        except FileTimeout:
            after_timeout()
            break
        if not isinstance(again, FixPlan):
            break
        if again.fixed != again.text:
            try:
                replace_checked(path, (again.bom + again.fixed).encode("utf-8"), digest(again.data),
                                tree_of(path, args.paths))
            except NotWritten as exc:  # (the other files' fix stays written: it holds without this file's)
                print(f"mpguard: {path}: {exc}", file=sys.stderr)
                break
        applied.extend(again.applied)
        plan = again
    return FixPlan(plan.data, plan.bom, plan.text, plan.fixed, applied, plan.left)


def _report_unconverged(args, name, fixed: str, left) -> None:
    """`--fix` stops after `FIX_ROUNDS` rounds: say so when another round would still fix something."""
    if apply_round(fixed, left, args.unsafe_fixes)[1]:
        fixable = sum(1 for f in left if allowed(f.fix, args.unsafe_fixes))
        print(f"mpguard: {name}: stopped after {FIX_ROUNDS} rounds of fixes with {_plural(fixable, 'fixable finding')} "
              "left; run `mpguard check --fix` again", file=sys.stderr)


def _emit_left(args, items, stream) -> None:
    """What no fix removed: in the chosen format on stdout, as text lines on stderr (beside a diff or a
    fixed source on stdout)."""
    if stream is sys.stdout:
        _emit(args, items)
        if args.output_format in TEXT_FORMATS and not args.quiet and items:
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
    _report_unconverged(args, name, fixed, left)
    if args.diff:
        import difflib  # only for --diff

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
    fixed, applied = fix_all(text, check, unsafe=args.unsafe_fixes, max_rounds=FIX_ROUNDS)
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

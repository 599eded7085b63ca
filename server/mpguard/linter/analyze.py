"""The entry point of the core: source text in, findings out."""
from __future__ import annotations

import ast
import gc
import os
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from mpguard.text.chunks import parse_module
from mpguard.linter import exec_main
from mpguard.linter.reach import PROCESS_WORDS, may_reach_processes
from mpguard.semantic.python2 import python2_import
from mpguard.semantic.node_memo import clear as clear_node_memos
from mpguard.linter.trees import TREES
from mpguard.text.findings import Finding, Position
from mpguard.semantic.errors import quote_version, worded
from mpguard.text.source import SourceDecodeError, SourceText, decode_source

from mpguard.linter.noqa import NOQA, unsuppressed  # noqa: F401  (NOQA: read by lsp.actions from here)


# Tests set this to surface analyser bugs instead of turning them into MP002 findings.
STRICT = bool(os.environ.get("MPGUARD_STRICT"))


@dataclass
class AnalysisResult:
    findings: list[Finding] = field(default_factory=list)
    source: SourceText | None = None
    # Set when the file could not be analysed at all (it is also reported as an MP001/MP002 finding).
    error: str | None = None
    state: object = None  # core.incremental.Snapshot (BrokenSnapshot for a syntax error), when asked for
    cells: list | None = None  # set by the shell for a notebook: row r -> cells[r - 1] = (cell, row in cell)

    @property
    def parsed(self) -> bool:
        return self.error is None


def parse(text: str, filename: str = "<unknown>") -> ast.Module:
    return parse_module(text, filename)


def analyze(source: str | bytes, path: str | None = None, settings=None, resolver=None,
            package: str | None = None, keep_state: bool = False, fixes: bool = True) -> AnalysisResult:
    """Analyse one module. Never raises for bad input: problems become MP001/MP002 findings.

    With `keep_state`, the result carries what `mpguard.linter.incremental.reanalyze` needs to
    re-check only what a later edit touched. Without `fixes`, findings carry no fix (a third of the
    time on fix-dense code); `mpguard.linter.incremental.fixes_for` builds them later, for a few."""
    from mpguard.linter.settings import Settings

    with gc_paused():
        return _analyze(source, path, settings or Settings(), resolver, package, keep_state, fixes)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a module is analysed. The analysis allocates hundreds of
    thousands of long-lived objects (the tree, its index, the facts) and frees them all together at the
    end; meanwhile the collector would rescan them again and again (a quarter of the time on a large
    file) without finding a cycle to free. Nested and concurrent analyses share one pause."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0:
                # (the last analysis running: its trees go now, not kept by a memo for the collector to scan)
                clear_node_memos()
                if _gc_was_enabled:
                    gc.enable()


def _analyze(source, path, settings, resolver, package, keep_state, fixes) -> AnalysisResult:
    if isinstance(source, bytes):
        try:
            source = decode_source(source)
        except SourceDecodeError as exc:
            return unreadable(SourceText(""), f"cannot decode the file: {exc}")
    if source.startswith("\ufeff"):
        source = source[1:]  # a BOM sent as text (files are decoded without it already)
    text = SourceText.sliced(source)  # rows sliced on demand, never all split; their offsets found when needed
    if "\0" in source:
        row = text.position(source.index("\0")).row
        return unreadable(text, "source code cannot contain null bytes", Position(row, 0))
    try:
        tree, alone = _parse(source, path, text)
    except SyntaxError as exc:
        result = syntax_error(text, exc)
        if keep_state and getattr(exc, "complete_rows", 0):
            from mpguard.linter.incremental import BrokenSnapshot

            result.state = BrokenSnapshot.of(exc, text, settings, path, package, fixes)
        return result
    except (RecursionError, MemoryError, ValueError) as exc:
        return unreadable(text, f"cannot parse the file: {type(exc).__name__}: {exc}"[:200])
    if not _relevant(source, tree, resolver, package):
        if alone:
            TREES.give_back(source, tree)
        return AnalysisResult(unsuppressed([], text, settings), text)  # MP003 may still report a comment
    if not alone:  # (a tree an answer of the project index keeps: read only, so one of its own to walk)
        tree = TREES.own(source, path or "<unknown>", text.line_starts, keep=False)
    try:
        # Fixes are built after the findings are filtered: none for a disabled rule or a finding off target.
        ctx = run_rules(tree, text, path, resolver, package, settings, fixes="lazy" if fixes is True else fixes)
        if exec_main.may_exec(source):  # code the script execs into its own __main__
            exec_main.report(ctx, lambda t, x, **kw: run_rules(t, x, path, resolver, package, settings,
                                                                fixes=False, **kw))
        checked = checked_findings(ctx.findings, settings)
        if fixes is True:
            from mpguard.linter.lazy_fixes import settle

            checked = settle(checked, "all")[0]
    except RecursionError:
        return unreadable(text, "the code is nested too deeply to analyse")
    except Exception as exc:  # an analyser bug must not take the editor or the CLI down with it
        if STRICT:
            raise
        return unreadable(text, f"internal error in mpguard ({type(exc).__name__}: {exc}); please report it")
    result = AnalysisResult(unsuppressed(checked, text, settings), text)
    if keep_state:
        from mpguard.linter.incremental import Snapshot
        from mpguard.rules.guard import spawners

        result.state = Snapshot.of(tree, text, checked, settings, path, package, spawners(ctx), ctx.index.names,
                                   fixes)
    if fixes != "lazy" or not any(f.lazy_fix is not None for f in checked):  # (a lazy fix builds from it later)
        ctx.release()
    return result


def _parse(source: str, path: str | None, text: SourceText) -> tuple[ast.Module, bool]:
    """(the module's tree, whether it is this analysis's alone: `linter.trees.Trees.read`). A notebook cell
    that does not parse may still be Python but for IPython lines (`%matplotlib inline`, `!pip install
    x`): those stand in as `pass`, on the same rows, and positions are still read from the cell's own text."""
    try:
        return TREES.read(source, path or "<unknown>", text.__dict__.get("line_starts"))  # (not found for it)
    except SyntaxError:
        from mpguard.text.ipython import as_python, is_notebook

        python = as_python(source) if is_notebook(path) else None
        if python is None:
            raise
        try:
            return parse_module(python, path or "<unknown>"), True
        except SyntaxError:
            pass
        raise


def syntax_error(text: SourceText, exc: SyntaxError) -> AnalysisResult:
    row = max(1, min(exc.lineno or 1, text.row_count))
    column = max(0, (exc.offset or 1) - 1)
    pos = text.clamp(Position(row, column))
    message = f"SyntaxError: {exc.msg}"
    needs = getattr(exc, "needs_python", None)  # newer syntax that text.lowering could not rewrite
    if needs is not None:  # valid Python, just newer than the interpreter: not a syntax error (MP002)
        (major, minor), what = needs
        running = ".".join(map(str, sys.version_info[:2]))
        message = (f"not analysed: this file uses {what}, Python {major}.{minor} syntax that Python {running} (the "
                   f"interpreter mpguard runs on) cannot read ({message}); run mpguard on Python {major}.{minor}+ "
                   f"to check it")
        return unreadable(text, message, pos)
    finding = Finding("MP001", message, pos, pos)
    return AnalysisResult([finding], text, f"SyntaxError: {exc.msg} (line {row})")


def checked_findings(findings, settings) -> list[Finding]:
    """Enabled, restricted to the configured targets, deduplicated and sorted; noqa comments are
    applied later (`unsuppressed`), since an edit to a comment changes nothing else."""
    findings = _restrict([f for f in findings if settings.enabled(f.code)], settings)
    findings = _dedupe(findings)
    findings.sort(key=sort_key)
    return findings


def sort_key(finding: Finding) -> tuple:
    return finding.start.row, finding.start.column, finding.code


RELEVANT = PROCESS_WORDS


def _relevant(source: str, tree: ast.Module, resolver, package: str | None = None) -> bool:
    """Can anything here start a process? Most modules of a large code base cannot: they are parsed
    (syntax errors are still reported) and skipped. Why that is sound: `mpguard.linter.reach`. Nor can a
    module only Python 2 imports do so under Python 3's start methods (`mpguard.semantic.python2`)."""
    if not may_reach_processes(source, tree, package, resolver):
        return False
    locate = getattr(resolver, "locate", None)
    return python2_import(tree, (lambda name: locate(name) is not None) if locate else None) is None


def run_rules(tree, text, path, resolver, package, settings, keep_param_counts: bool = False, **slice_facts):
    """Every rule over the tree; the context (a RuleContext) holds the findings. `slice_facts` (see
    RuleContext) are set when the tree is only a slice of the module (`mpguard.linter.incremental`).
    `keep_param_counts`: see Walker (linter/site_findings).
    The model and the rules are imported here, when a module can reach a process: a one-file check of
    a module that cannot starts faster."""
    from mpguard.rules.context import RuleContext
    from mpguard.semantic.names import ImportMap
    from mpguard.semantic.walker import Walker
    from mpguard.fixes import apply as fixer
    from mpguard.rules.catalog import CHECKS

    walker = Walker(tree, ImportMap(package), resolver, keep_param_counts)
    facts = walker.run()
    if slice_facts.get("identifiers") is not None and walker.class_stores:
        from mpguard.text.chunks import NeedsWholeModule  # (a slice may leave out another store of the attribute)
        raise NeedsWholeModule("class stores")
    starts = slice_facts.pop("top_level_starts", None)
    ctx = RuleContext(text, tree, facts, walker.parents, walker.imports, resolver, path, settings=settings,
                      index=walker.index, **slice_facts)
    token = fixer.TOP_LEVEL.set(fixer.known_statements(text, tree, starts))
    try:
        for check in CHECKS:
            try:
                check(ctx)
            except RecursionError:
                continue  # a pathological expression costs one rule family, not the file
    finally:
        fixer.TOP_LEVEL.reset(token)
    return ctx


def _restrict(findings, settings) -> list[Finding]:
    """Keep only what bites on the configured platforms and Python versions."""
    targets = settings.targets
    defaults = targets.default_methods()
    words = quote_version(targets.min_version, targets.max_version)  # whose error texts messages quote
    judged = tuple(words)[:2]
    out = []
    for finding in findings:
        finding = worded(finding, words)
        # a method that bites from a later Python on counts as one of the finding's start methods when the
        # version judged (the one whose words are quoted) has it: `--python-version 3.14`, or mpguard run on 3.14
        now = frozenset(m for m, since in finding.later_methods if judged >= since)
        methods = (finding.start_methods | now) & defaults
        extra = finding.extra_platforms & targets.platforms
        if finding.code in ("MP001", "MP002") or \
                ((methods or extra or finding.later_methods)
                 and targets.affected(methods, extra, finding.unreachable_on, finding.python_versions,
                                      finding.later_methods)):
            severity = settings.severity.get(finding.code)
            if methods != finding.start_methods or extra != finding.extra_platforms or severity != finding.severity:
                finding = replace(finding, start_methods=methods, extra_platforms=extra, severity=severity)
            out.append(finding)
    return out


def _dedupe(findings) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        key = (finding.code, finding.start, finding.end)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def unreadable(text: SourceText, message: str, pos: Position = Position(1, 0)) -> AnalysisResult:
    return AnalysisResult([Finding("MP002", message, pos, pos)], text, message)

"""One analysis of one open document: a snapshot taken on the loop, run on a worker thread.

Cross-file facts come from `mpguard.linter.files.resolver_for`, wrapped so that modules open in the
editor are read from their (possibly unsaved) buffers, and so that we learn which files an
analysis looked at: a change to one of them re-checks this document.
"""
from __future__ import annotations

import ctypes
import gc
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from mpguard.config import Settings
from mpguard.linter.analyze import AnalysisResult, analyze
from mpguard.linter.incremental import Snapshot, fixes_for, reanalyze
from mpguard.text.findings import Finding, Position
from mpguard.resolve.jedi_resolver import JediResolver
from mpguard.resolve.project import INDEX, DeferredResolver, ProjectResolver
from mpguard.text.source import SourceText
from mpguard.linter.files import SUMMARIZER, package_of, resolver_for
from mpguard.lsp.offload import checkpoint

BOM = "\ufeff"
BIG_CHARS = 200_000  # after analysing a text this large, collect garbage and trim the heap
# Larger buffers are not analysed: a whole-document analysis needs ~1 s and ~110 MiB per MB of typical
# code (a 50,000-line, 1.25 MB file: 1.2 s off the event loop, 162 MiB peak RSS with the interpreter);
# 2 MB is ~80,000 lines. Edits after the first analysis re-check only what they touched.
MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Job:
    uri: str
    version: int | None
    text: str
    path: str | None
    root: str | None
    settings: Settings
    generation: int  # settings generation
    overlay: dict = field(default_factory=dict)  # resolved path -> text of other open buffers
    previous: "Outcome | None" = None  # the last outcome that parsed (carried over syntax errors)


@dataclass
class Outcome:
    job: Job
    result: AnalysisResult
    touched: frozenset = frozenset()  # resolved paths of the modules the analysis read
    stale: bool = False  # True: findings are the last good ones, carried over a syntax error
    serial: int = 0  # set when published: pull-diagnostic result ids
    needs_jedi: bool = False  # a second pass with jedi may find more
    incremental: bool = False  # only what the edit touched was re-checked (see `run`)
    fixes: dict = field(default_factory=dict)  # built on demand by `fixes_of`
    encoded: tuple | None = None  # (position encoding, publishDiagnostics params as JSON), see lsp/wire.py
    dependencies: tuple = ()  # (path, text hash or mtime) of the modules the analysis read

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings

    @property
    def source(self) -> SourceText:
        return self.result.source or SourceText(self.job.text)


class OverlayResolver(ProjectResolver):
    def __init__(self, roots, overlay: dict, fallback=None):
        super().__init__(roots, fallback, SUMMARIZER)
        self.overlay = overlay
        self.touched: set[str] = set()

    def _find(self, module: str):
        found = super()._find(module)
        if found is None:
            return None
        resolved = str(Path(found[0]).resolve())
        self.touched.add(resolved)
        # An open buffer's answers are kept in the shared project index by its text's hash: an edit to one
        # module rebuilds that module's only, and every other document keeps reusing the rest.
        return (resolved, self.overlay[resolved]) if resolved in self.overlay else found

    def buffer_text(self, path: str) -> str | None:
        return self.overlay.get(str(Path(path).resolve()))


def run(job: Job, with_jedi: bool = False, full: bool = False, fixes: bool = False) -> Outcome:
    """Runs on a worker thread. `analyze` never raises for bad input.

    After an edit, only what the edit touched is re-checked (`mpguard.linter.incremental`), unless
    `full`, or the modules the last analysis read have changed since: then the whole document is.
    Fixes are built when a code action asks for them (`fixes_of`), unless `fixes`."""
    if len(job.text) > MAX_CHARS:
        return Outcome(job, AnalysisResult([], SourceText(job.text), "too large"))
    resolver, package = _resolver(job, with_jedi)
    bom = job.text.startswith(BOM)
    text = job.text[1:] if bom else job.text
    previous = job.previous
    result, incremental, seen = None, False, None
    if not full and not with_jedi and previous is not None:
        seen = _dependencies(job, previous.touched)
    if seen is not None and seen == previous.dependencies:
        state = previous.result.state if previous.job.text.startswith(BOM) == bom else None
        result = reanalyze(state, text, job.settings, job.path, resolver, package, fixes=fixes)
        incremental = result is not None
    if result is None:
        result = analyze(text, job.path, job.settings, resolver, package, keep_state=True, fixes=fixes)
    if bom:
        result = with_bom(result, job.text)
    touched = frozenset(resolver.touched) if resolver else frozenset()
    if incremental:
        touched |= previous.touched
    dependencies = seen if incremental and touched == previous.touched else _dependencies(job, touched)
    outcome = Outcome(job, result, touched, incremental=incremental, dependencies=dependencies)
    # The AST pass left names only jedi can place: the scheduler publishes this outcome first and
    # then runs the jedi pass (`run(job, with_jedi=True)`) off the event loop.
    outcome.needs_jedi = bool(resolver is not None and not with_jedi and resolver.fallback.asked)
    return outcome


def _resolver(job: Job, with_jedi: bool = False):
    if not job.path:
        return None, None
    path = Path(job.path)
    root = Path(job.root) if job.root else None
    fallback = JediResolver(root or path.parent) if with_jedi else DeferredResolver()
    INDEX.new_epoch()  # files may have changed on disk since the last analysis: summaries are checked again
    base = resolver_for(path, root, fallback=None)
    return OverlayResolver(base.roots, job.overlay, fallback), package_of(path)[0] or None


FIX_BATCH = 32  # rows whose fixes are built in one go: a request worker checks for cancellation between batches


def fixes_of(outcome: Outcome, findings) -> dict:
    """(code, start, end) -> Fix or None, for `findings` of the outcome (built now, kept on the outcome).

    Only the statements holding them, and what their analysis reads, are analysed again, with fixes,
    a batch of rows at a time; the whole document when that is most of it."""
    known = outcome.fixes
    wanted = [f for f in findings if _key(f) not in known]
    if not wanted or outcome.stale:
        return known
    state = outcome.result.state
    if state is not None and state.fixes:  # analysed with fixes already
        known.update((_key(f), f.fix) for f in outcome.findings)
        return known
    bom = outcome.job.text.startswith(BOM)
    resolver, package = _resolver(outcome.job)
    if isinstance(state, Snapshot) and not bom:
        rows = sorted({f.start.row for f in wanted})
        for first in range(0, len(rows), FIX_BATCH):
            checkpoint()
            batch = set(rows[first:first + FIX_BATCH])
            built = fixes_for(state, batch, resolver, package)
            if built is None:
                break  # most of the module: analysed whole below
            _record(known, built, [f for f in wanted if f.start.row in batch])
        wanted = [f for f in wanted if _key(f) not in known]
        if not wanted:
            return known
    checkpoint()
    text = outcome.job.text[1:] if bom else outcome.job.text
    result = analyze(text, outcome.job.path, outcome.job.settings, resolver, package, fixes=True)
    _record(known, with_bom(result, outcome.job.text).findings if bom else result.findings, wanted)
    return known


def _record(known: dict, built, wanted) -> None:
    fixes = {_key(f): f.fix for f in built}
    for finding in wanted:
        known[_key(finding)] = fixes.get(_key(finding))


def _key(finding: Finding) -> tuple:
    return finding.code, finding.start, finding.end


def _dependencies(job: Job, touched) -> tuple:
    """What the modules an analysis read looked like: the open buffer's text, or the file's mtime."""
    out = []
    for path in sorted(touched):
        if path in job.overlay:
            out.append((path, hash(job.overlay[path])))
        else:
            try:
                out.append((path, os.stat(path).st_mtime_ns))
            except OSError:
                out.append((path, None))
    return tuple(out)


def with_bom(result: AnalysisResult, text: str) -> AnalysisResult:
    """Findings of the text without its leading U+FEFF, placed back into the text the client has.

    Some clients send the BOM as the first character of the buffer; Python would reject it as a
    character, so the server analyses the text after it (whatever the core does with str input) and
    moves the columns on row 1, the BOM's row, one to the right."""
    def shift(pos: Position) -> Position:
        return Position(pos.row, pos.column + 1) if pos.row == 1 else pos

    def moved(finding: Finding) -> Finding:
        fix = finding.fix
        if fix is not None:
            fix = replace(fix, edits=tuple(replace(e, start=shift(e.start), end=shift(e.end)) for e in fix.edits))
        return replace(finding, start=shift(finding.start), end=shift(finding.end), fix=fix)

    return AnalysisResult([moved(f) for f in result.findings], SourceText(text), result.error, result.state)


def settled(outcome: Outcome) -> Outcome:
    """What the server keeps of an analysis (runs on the worker thread, after it): the findings and
    the text, not the previous outcome it carried over; after a large document, garbage is collected
    and freed memory handed back to the OS (the AST and the rules' contexts are gone by now)."""
    if outcome.job.previous is not None:
        outcome = replace(outcome, job=replace(outcome.job, previous=None))
    if len(outcome.job.text) >= BIG_CHARS and not outcome.incremental:  # a re-check leaves little garbage
        collect_and_freeze()
        _trim()
    return outcome


def collect_and_freeze() -> None:
    """A full collection, then `gc.freeze()` of what survived it: later automatic full collections walk only
    newer objects. Without the freeze each of them walked every kept analysis (~0.25 s with a 40,000-line
    document open) holding the GIL, which stalls the event loop whichever thread set it off (a fix build
    on a worker did, in the middle of other documents' hovers). Unfreezing first lets this collection
    reclaim what the frozen part has left behind since (an outdated analysis)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _trim() -> None:
    """glibc keeps freed heap pages mapped; malloc_trim returns them (a no-op elsewhere)."""
    global _malloc_trim
    if _malloc_trim is None:
        try:
            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim if sys.platform.startswith("linux") else False
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None


def is_syntax_error(outcome: Outcome) -> bool:
    return outcome.result.error is not None and any(f.code == "MP001" for f in outcome.findings)


def carry_over(previous: Outcome | None, outcome: Outcome) -> Outcome:
    """While the buffer does not parse, keep the last good findings, clamped into the new text.

    Their fixes are dropped (the edits were computed for another text). With nothing to carry
    over (the document never parsed since it was opened), the MP001 finding itself is shown.
    """
    if not is_syntax_error(outcome) or previous is None or is_syntax_error(previous):
        return outcome
    source = SourceText(outcome.job.text)
    kept = [replace(f, start=source.clamp(f.start), end=source.clamp(f.end), fix=None)
            for f in previous.findings if f.code != "MP001"]
    result = AnalysisResult(kept, source, outcome.result.error)
    return Outcome(outcome.job, result, previous.touched, stale=True)

"""Notebooks as notebooks (LSP 3.17 notebook document sync): the code cells of a notebook are analysed
as one module, in the order of the notebook, as `mpguard check` reads a .ipynb (`text.notebook.join_cells`),
and each finding is handed back to its cell: published to the cell's uri, and served to hover and
code actions on that cell as an outcome of the cell's own text (`cell_outcome`).

A client without notebook sync keeps sending each cell as a text document of its own; those are
analysed one by one, as before.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from lsprotocol import types
from pygls.uris import to_fs_path

from mpguard.linter.analyze import AnalysisResult
from mpguard.lsp import analysis
from mpguard.text.findings import Finding, Position
from mpguard.text.notebook import join_cells
from mpguard.text.source import SourceText

log = logging.getLogger(__name__)
SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[types.NotebookDocumentFilterWithCells(
        cells=[types.NotebookCellLanguage(language="python")], notebook="jupyter-notebook")],
    save=False)


class Notebooks:
    def __init__(self, ls):
        self.ls = ls
        self.outcomes: dict[str, dict[str, analysis.Outcome]] = {}  # notebook uri -> cell uri -> outcome
        self.published: dict[str, set[str]] = {}  # notebook uri -> cells that have diagnostics shown
        self.dirty: set[str] = set()
        self.tasks: dict[str, asyncio.Task] = {}
        self.waiters: dict[str, list[asyncio.Future]] = {}

    # --- what the handlers call ---------------------------------------------------------------
    def notebook_of(self, cell_uri: str):
        return self.ls.workspace.get_notebook_document(cell_uri=cell_uri)

    def changed(self, notebook_uri: str) -> None:
        self.dirty.add(notebook_uri)
        task = self.tasks.get(notebook_uri)
        if task is None or task.done():
            self.tasks[notebook_uri] = asyncio.get_running_loop().create_task(self._run(notebook_uri))

    def closed(self, notebook_uri: str, cell_uris: list[str]) -> None:
        self.dirty.discard(notebook_uri)
        task = self.tasks.pop(notebook_uri, None)
        if task is not None and not task.done():
            task.cancel()
        self.outcomes.pop(notebook_uri, None)
        for uri in set(cell_uris) | self.published.pop(notebook_uri, set()):
            self.ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self._wake(notebook_uri)

    def recheck_all(self) -> None:
        for uri in list(self.ls.workspace.notebook_documents):
            self.changed(uri)

    async def cell_outcome(self, cell_uri: str, timeout: float = 30.0) -> analysis.Outcome | None:
        """The outcome for a cell as it is now (waits for the notebook's running or needed analysis)."""
        notebook = self.notebook_of(cell_uri)
        if notebook is None:
            return None
        uri = notebook.uri
        if uri in self.dirty or self._running(uri) or uri not in self.outcomes:
            future = asyncio.get_running_loop().create_future()
            self.waiters.setdefault(uri, []).append(future)
            if uri not in self.outcomes and not self._running(uri):
                self.changed(uri)
            try:
                await asyncio.wait_for(future, timeout)
            except asyncio.TimeoutError:
                pass
        return self.outcomes.get(uri, {}).get(cell_uri)

    # --- the analysis ------------------------------------------------------------------------
    def _running(self, uri: str) -> bool:
        task = self.tasks.get(uri)
        return task is not None and not task.done()

    def _wake(self, uri: str) -> None:
        for future in self.waiters.pop(uri, []):
            if not future.done():
                future.set_result(None)

    def _snapshot(self, uri: str):
        """(job of the joined module, [(cell uri, cell version, cell text)]) for the notebook now."""
        ls = self.ls
        notebook = ls.workspace.get_notebook_document(notebook_uri=uri)
        if notebook is None:
            return None
        cells = []
        for cell in notebook.cells:
            doc = ls.document(cell.document)
            if cell.kind == types.NotebookCellKind.Code and doc is not None and doc.language_id in (None, "python"):
                cells.append((cell.document, doc.version, doc.source))
        joined = join_cells([(cell_uri, text) for cell_uri, _, text in cells])
        path = to_fs_path(uri) or ""
        if not path.endswith(".ipynb"):
            path = f"{path or 'notebook'}.ipynb"  # an untitled notebook: still analysed as notebook code
        root = ls.workspace.root_path
        settings = ls.settings.for_path(path, root)
        job = analysis.Job(uri, notebook.version, joined.text, path, root, settings, ls.settings.generation)
        return job, joined, cells

    async def _run(self, uri: str) -> None:
        ls = self.ls
        loop = asyncio.get_running_loop()
        if getattr(ls, "wait_for_config", None) is not None:
            await ls.wait_for_config()
        while uri in self.dirty:
            await asyncio.sleep(0)  # let queued notifications land first
            self.dirty.discard(uri)
            snapshot = self._snapshot(uri)
            if snapshot is None:
                break
            job, joined, cells = snapshot
            try:
                outcome = await loop.run_in_executor(ls.executor, lambda: analysis.run(job, fixes=True))
            except Exception:  # the analysis must never take the server down
                log.exception("analysis of notebook %s failed", uri)
                break
            if uri in self.dirty:
                continue
            self.outcomes[uri] = split(outcome, joined, cells)
            self._publish(uri)
        self._wake(uri)

    def _publish(self, uri: str) -> None:
        ls, shown = self.ls, set()
        enabled = ls.settings.options.enable
        for cell_uri, outcome in self.outcomes.get(uri, {}).items():
            diagnostics = ls.diagnostics(outcome) if enabled else []
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=cell_uri, version=outcome.job.version, diagnostics=diagnostics))
            if diagnostics:
                shown.add(cell_uri)
        for gone in self.published.get(uri, set()) - set(self.outcomes.get(uri, {})):
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=gone, diagnostics=[]))
        self.published[uri] = shown


def split(outcome: analysis.Outcome, joined, cells) -> dict[str, analysis.Outcome]:
    """The notebook's outcome as one outcome per cell, in the cell's own rows. A finding (or a fix)
    reaching into another cell keeps only its part in the finding's cell."""
    first_row: dict[str, int] = {}
    for row, (cell_uri, _) in enumerate(joined.cells, start=1):
        first_row.setdefault(cell_uri, row)
    per_cell: dict[str, list[Finding]] = {cell_uri: [] for cell_uri, _, _ in cells}
    sources = {cell_uri: SourceText(text) for cell_uri, _, text in cells}
    findings = list(outcome.findings) + [
        Finding("MP001", message, Position(row, column), Position(row, column))
        for row, column, message in joined.errors if outcome.job.settings.enabled("MP001")]
    for finding in findings:
        if not 1 <= finding.start.row <= len(joined.cells):
            continue
        cell_uri = joined.cells[finding.start.row - 1][0]
        offset = first_row[cell_uri] - 1
        moved = _moved(finding, cell_uri, offset, joined, sources[cell_uri])
        if moved is not None:
            per_cell[cell_uri].append(moved)
    out = {}
    for cell_uri, version, text in cells:
        source = sources[cell_uri]
        job = replace(outcome.job, uri=cell_uri, version=version, text=text, overlay={}, previous=None)
        result = AnalysisResult(per_cell[cell_uri], source, None)
        cell = analysis.Outcome(job, result, outcome.touched)
        cell.fixes = {(f.code, f.start, f.end): f.fix for f in per_cell[cell_uri]}
        out[cell_uri] = cell
    return out


def _moved(finding: Finding, cell_uri: str, offset: int, joined, source: SourceText) -> Finding | None:
    def inside(pos: Position) -> bool:
        return 1 <= pos.row <= len(joined.cells) and joined.cells[pos.row - 1][0] == cell_uri

    def local(pos: Position) -> Position:
        return source.clamp(Position(pos.row - offset, pos.column))

    end = finding.end if inside(finding.end) else Position(finding.start.row, 10**9)
    related = tuple((local(pos), text) for pos, text in finding.related if inside(pos))
    fix = finding.fix
    if fix is not None and all(inside(e.start) and inside(e.end) for e in fix.edits):
        fix = replace(fix, edits=tuple(replace(e, start=local(e.start), end=local(e.end)) for e in fix.edits))
    elif fix is not None:
        fix = None  # a fix that rewrites another cell too is left to `mpguard check --fix`
    return replace(finding, start=local(finding.start), end=local(end), related=related, fix=fix)

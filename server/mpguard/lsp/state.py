"""The language server's state: settings, the scheduler, the last good analysis per document."""
from __future__ import annotations

import asyncio
import itertools
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from mpguard import __version__
from mpguard.lsp import analysis, convert, offload, wire
from mpguard.lsp.editor import SaveGate
from mpguard.lsp.notebooks import SYNC, Notebooks
from mpguard.lsp.protocol import MpguardProtocol
from mpguard.lsp.scheduler import Scheduler
from mpguard.lsp.settings import SettingsStore

log = logging.getLogger("mpguard.lsp")
NOTEBOOK_CELL = "vscode-notebook-cell:"
CONFIG_WAIT = 2.0  # seconds the first analysis waits for the client's workspace/configuration answer


class MpguardServer(LanguageServer):
    def __init__(self):
        super().__init__("mpguard", __version__, protocol_cls=MpguardProtocol, notebook_document_sync=SYNC)
        offload.serialize_ast_parse()  # several threads parse: see there
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpguard-analysis")
        self.settings = SettingsStore(self.warn)
        self.scheduler = Scheduler(self.prepare, self.analyse, self.publish, self.is_current,
                                   self.executor, self.wait_for_config)
        self.scheduler.report = self.log_error
        self.scheduler.always_eager = lambda uri: uri.startswith(NOTEBOOK_CELL)
        self.scheduler.refine = lambda job: self.analyse(job, with_jedi=True)
        self.scheduler.refine_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpguard-jedi")
        self.scheduler.refined = lambda uri: self.refresh()  # pull mode: the client pulls the better outcome
        # Published only if it differs (rarely): its diagnostics are encoded then, not here.
        self.scheduler.verify = lambda job: self.analyse(job, encode=False, full=True)
        self.good: dict[str, analysis.Outcome] = {}  # last outcome that parsed, per uri
        self.deps: dict[str, frozenset] = {}  # uri -> resolved paths its analysis read
        self.too_large: set[str] = set()  # uris told (once) that they are not analysed
        self.pull = False  # the client pulls diagnostics (textDocument/diagnostic)
        self.config_ready = asyncio.Event()
        self._serial = itertools.count(1)
        self.wire = wire.DiagnosticsWire()
        self.gate = SaveGate()  # lint.run = onSave
        self.notebooks = Notebooks(self)  # notebooks synced as notebooks: their cells are analysed together
        self.offload = offload.Offload()  # quick fixes, fix-all, hovers on large documents: off the loop

    def stop_work(self) -> None:
        """The session is over: stop the request workers and drop queued analyses."""
        self.offload.stop()
        for executor in (self.executor, self.scheduler.refine_executor):
            executor.shutdown(wait=False, cancel_futures=True)

    # --- client facts ------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return convert.encoding_name(self.workspace.position_encoding)

    def capability(self, dotted: str):
        value = self.client_capabilities
        for part in dotted.split("."):
            value = getattr(value, part, None)
        return value

    # --- messages ----------------------------------------------------------------------
    def warn(self, message: str) -> None:
        log.warning(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"mpguard: {message}"))

    def log_error(self, message: str) -> None:
        log.error(message)
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))

    async def wait_for_config(self) -> None:
        try:
            await asyncio.wait_for(self.config_ready.wait(), CONFIG_WAIT)
        except asyncio.TimeoutError:
            self.config_ready.set()

    def document(self, uri: str):
        """The open document, or None. pygls keys documents by the *unquoted* uri (a notebook cell's
        `#W0sZmlsZQ%3D%3D`, a path with `%20`), and never read it from disk here (the didClose pitfall)."""
        return self.workspace.text_documents.get(unquote(uri))

    # --- scheduling callbacks ----------------------------------------------------------------
    def prepare(self, uri: str) -> analysis.Job | None:
        doc = self.document(uri)
        if doc is None or self.notebooks.notebook_of(uri) is not None:  # a synced notebook's cell: see notebooks.py
            return None
        root = self.workspace.root_path
        overlay = {str(Path(d.path).resolve()): d.source for d in self.workspace.text_documents.values()
                   if d.uri != uri and d.path and d.path.endswith(".py")}
        previous = self.good.get(uri)
        if previous is None:  # never parsed: an edit may still be re-checked from where the text broke
            last = self.scheduler.results.get(uri)
            previous = last if last is not None and last.result.state is not None else None
        return analysis.Job(uri, doc.version, doc.source, doc.path, root, self.settings.for_path(doc.path, root),
                            self.settings.generation, overlay, previous)

    def is_current(self, uri: str, job: analysis.Job) -> bool:
        doc = self.document(uri)
        return doc is not None and doc.version == job.version and job.generation == self.settings.generation

    def analyse(self, job: analysis.Job, encode: bool = True, **options) -> analysis.Outcome:
        """On the worker thread: the analysis, carried over a syntax error; with `encode`, also the
        diagnostics a push sends, so that encoding a large publication never holds up the event loop."""
        outcome = analysis.settled(analysis.carry_over(job.previous, analysis.run(job, **options)))
        if encode and self.pushes(job.uri):
            outcome.encoded = (self.encoding, self.wire.params_json(job.uri, outcome, self.encoding))
        return outcome

    def publish(self, uri: str, outcome: analysis.Outcome) -> None:
        outcome.serial = next(self._serial)
        if outcome.result.error == "too large":
            message = (f"{uri}: {len(outcome.job.text):,} characters, more than the {analysis.MAX_CHARS:,} "
                       f"the editor analyses; not analysed (run `mpguard check` on it instead)")
            self.log_error(message)
            if uri not in self.too_large:
                self.too_large.add(uri)
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                                 message=f"mpguard: {message}"))
        if not outcome.stale and not analysis.is_syntax_error(outcome):
            self.good[uri] = replace(outcome, job=replace(outcome.job, overlay={}))
        self.deps[uri] = outcome.touched
        if self.pushes(uri) and not self.settings.options.enable:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        elif self.pushes(uri) and not self.gate.holds(uri):
            encoded = outcome.encoded
            params = encoded[1] if encoded and encoded[0] == self.encoding else \
                self.wire.params_json(uri, outcome, self.encoding)
            if not wire.send_notification(self.protocol, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=uri, version=outcome.job.version, diagnostics=self.diagnostics(outcome)))

    def pushes(self, uri: str) -> bool:
        """Push unless the client pulls; VS Code never pulls for notebook cells, so push those."""
        return not self.pull or uri.startswith(NOTEBOOK_CELL)

    def diagnostics(self, outcome: analysis.Outcome) -> list[types.Diagnostic]:
        source, encoding = outcome.source, self.encoding
        return [convert.diagnostic(source, f, encoding, outcome.job.version, not outcome.stale, outcome.job.uri)
                for f in outcome.findings]

    async def current(self, uri: str, **options):
        """The outcome requests answer from: a synced notebook's cell's share of its notebook's analysis,
        or the document's own."""
        if self.notebooks.notebook_of(uri) is not None:
            return await self.notebooks.cell_outcome(uri)
        return await self.scheduler.current(uri, **options)

    # --- re-checking -------------------------------------------------------------------
    def changed(self, uri: str) -> None:
        """A document changed: re-check it, and the open documents whose analysis read it."""
        self.scheduler.invalidate(uri)
        self.dependents_changed(uri)

    def dependents_changed(self, uri: str, path: str | None = None) -> None:
        doc = self.document(uri)
        path = path or (doc.path if doc is not None else None)
        if not path:
            return
        resolved = str(Path(path).resolve())
        hit = [other for other, paths in self.deps.items() if other != uri and resolved in paths]
        for other in hit:
            self.scheduler.invalidate(other)
        if hit:
            self.refresh()

    def recheck_all(self) -> None:
        for doc in list(self.workspace.text_documents.values()):
            self.scheduler.invalidate(doc.uri)
        self.notebooks.recheck_all()
        self.refresh()

    def refresh(self) -> None:
        """Pull mode: ask the client to pull again (when it supports the refresh request)."""
        if self.pull and self.capability("workspace.diagnostics.refresh_support"):
            self.workspace_diagnostic_refresh(None)

    def forget(self, uri: str) -> None:
        self.offload.supersede(uri)
        self.scheduler.forget(uri)
        self.wire.forget(uri)
        self.good.pop(uri, None)
        self.deps.pop(uri, None)
        self.too_large.discard(uri)
        if self.pushes(uri):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

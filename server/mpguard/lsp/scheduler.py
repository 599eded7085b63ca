"""Per-document analysis scheduling.

One asyncio task per uri. `invalidate(uri)` marks the document dirty; the task takes a snapshot
of the *latest* text (after yielding to the loop so queued didChange notifications land first),
runs the analysis on a thread, and publishes only when no newer change arrived meanwhile.
A burst of N changes therefore costs at most two analyses, with no fixed debounce delay, and a
result for an outdated version is never published.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from typing import Any, Awaitable, Callable

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, prepare: Callable[[str], Any], analyse: Callable[[Any], Any],
                 publish: Callable[[str, Any], None], is_current: Callable[[str, Any], bool],
                 executor: Executor, ready: Callable[[], Awaitable[None]] | None = None):
        self.prepare = prepare  # uri -> job (on the loop), or None when the document is gone
        self.analyse = analyse  # job -> outcome (on a worker thread)
        self.publish = publish  # (uri, outcome) on the loop
        self.is_current = is_current  # (uri, job) -> does the job still describe the document?
        self.executor = executor
        self.ready = ready  # awaited before the first analysis (initial configuration)
        self.report: Callable[[str], None] | None = None  # error reporting (window/logMessage)
        self.eager = True  # push mode analyses on every change; pull mode only when asked
        self.always_eager: Callable[[str], bool] = lambda uri: False  # documents the client never pulls
        self.refine: Callable[[Any], Any] | None = None  # job -> slower, better outcome (jedi)
        # Where `refine` runs: apart from the analyses, so that an edit is analysed and published while an
        # outdated jedi pass (the first one can take seconds: jedi parses every module the file imports)
        # finishes on its own and warms jedi's caches for the next.
        self.refine_executor: Executor | None = None
        self._moved: dict[str, asyncio.Future] = {}  # uri -> set when the document changes during its jedi pass
        self.refined: Callable[[str], None] | None = None  # called after a refined outcome was published
        # job -> outcome of a whole-document analysis, run once a document edited incrementally is idle
        self.verify: Callable[[Any], Any] | None = None
        self.idle_seconds = 2.0
        self._idle: dict[str, asyncio.TimerHandle] = {}
        self.dirty: set[str] = set()
        self.results: dict[str, Any] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._waiters: dict[str, list[tuple[asyncio.Future, bool]]] = {}  # (future, wants the refined outcome)
        self._refining: set[str] = set()  # the published outcome is current; only the jedi pass runs

    def invalidate(self, uri: str) -> None:
        self._cancel_idle(uri)
        self.dirty.add(uri)
        moved = self._moved.pop(uri, None)
        if moved is not None and not moved.done():
            moved.set_result(None)
        if self.eager or self._waiters.get(uri) or self.always_eager(uri):
            self._start(uri)

    def _start(self, uri: str) -> None:
        task = self._tasks.get(uri)
        if task is None or task.done():
            self._tasks[uri] = asyncio.get_running_loop().create_task(self._run(uri))

    async def _run(self, uri: str) -> None:
        if self.ready is not None:
            await self.ready()
        loop = asyncio.get_running_loop()
        while uri in self.dirty:
            await asyncio.sleep(0)  # let notifications already read off the pipe be handled
            self.dirty.discard(uri)
            try:
                job = self.prepare(uri)
            except Exception:  # e.g. no workspace yet: waiters get "no outcome" now, not after a timeout
                log.exception("could not prepare the analysis of %s", uri)
                job = None
            if job is None:
                self._wake(uri, None)
                return
            try:
                outcome = await loop.run_in_executor(self.executor, self.analyse, job)
            except Exception:  # the analysis must never take the server down
                log.exception("analysis of %s failed", uri)
                if self.report is not None:
                    self.report(f"mpguard: analysis of {uri} failed (see the server log)")
                outcome = None
            if uri in self.dirty or not self.is_current(uri, job):
                self.dirty.add(uri)
                continue
            if outcome is not None:
                self.results[uri] = outcome
                self.publish(uri, outcome)
                if getattr(outcome, "incremental", False) and self.verify is not None:
                    self._idle[uri] = loop.call_later(self.idle_seconds, self._start_verify, uri, job, outcome)
            refining = outcome is not None and getattr(outcome, "needs_jedi", False) and self.refine is not None
            self._wake(uri, outcome, everyone=not refining)
            if refining:
                await self._refine(uri, job, loop)

    async def _refine(self, uri: str, job: Any, loop) -> None:
        """The slow second pass (jedi): published only if the document has not moved on."""
        self._refining.add(uri)
        moved = self._moved[uri] = loop.create_future()
        running = loop.run_in_executor(self.refine_executor or self.executor, self._refine_current, uri, job)
        try:
            await asyncio.wait({running, moved}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._refining.discard(uri)
            if self._moved.get(uri) is moved:
                del self._moved[uri]
        if not running.done():  # an edit came: analyse the new text now, leave this pass to finish alone
            log.info("jedi pass for %s left behind by an edit", uri)
            running.add_done_callback(lambda f: f.cancelled() or f.exception())
            return
        try:
            better = running.result()
        except Exception:
            log.exception("jedi pass for %s failed", uri)
            better = None
        if uri in self.dirty:
            return  # the loop in `_run` analyses again and wakes the waiters
        if better is not None and self.is_current(uri, job):
            self.results[uri] = better
            self.publish(uri, better)
            if self.refined is not None:
                self.refined(uri)
        self._wake(uri, self.results.get(uri))

    def _refine_current(self, uri: str, job: Any) -> Any:
        """On the jedi thread: a pass queued behind another whose document has moved on since is skipped
        (edits leave passes behind; running each would keep a thread busy long after typing stopped)."""
        return self.refine(job) if self.is_current(uri, job) else None

    # ---- the whole-document check of an idle document ------------------------------------------------
    def _cancel_idle(self, uri: str) -> None:
        handle = self._idle.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def _start_verify(self, uri: str, job: Any, outcome: Any) -> None:
        self._idle.pop(uri, None)
        if uri not in self.dirty and self.results.get(uri) is outcome and not self._running(uri):
            self._tasks[uri] = asyncio.get_running_loop().create_task(self._verify(uri, job, outcome))

    async def _verify(self, uri: str, job: Any, outcome: Any) -> None:
        """Re-checking only what edits touched is exact by construction (and by test); after the edits,
        when the document is idle, a whole-document analysis confirms it, and is published if it differs."""
        try:
            full = await asyncio.get_running_loop().run_in_executor(self.executor, self.verify, job)
        except Exception:
            log.exception("whole-document check of %s failed", uri)
            return
        if uri in self.dirty or self.results.get(uri) is not outcome or not self.is_current(uri, job):
            return
        self.results[uri] = full
        if [_identity(f) for f in full.findings] != [_identity(f) for f in outcome.findings]:
            log.warning("incremental and whole-document analyses of %s differ; publishing the latter", uri)
            self.publish(uri, full)
            if self.refined is not None:
                self.refined(uri)

    def _wake(self, uri: str, outcome: Any, everyone: bool = True) -> None:
        """Answer the waiters; with `everyone` False, those that asked for the refined outcome keep waiting."""
        waiting = []
        for future, refined in self._waiters.pop(uri, []):
            if refined and not everyone:
                waiting.append((future, refined))
            elif not future.done():
                future.set_result(outcome)
        if waiting:
            self._waiters[uri] = waiting

    async def current(self, uri: str, timeout: float = 30.0, refined: bool = False) -> Any:
        """The outcome for the document as it is now (waits for a running or needed analysis).

        While only the jedi pass runs, the published outcome is current: requests get it at once,
        unless `refined` (pull diagnostics) asks to wait for the better one."""
        busy = self._running(uri) and (refined or uri not in self._refining)
        if uri not in self.dirty and uri in self.results and not busy:
            return self.results[uri]
        if uri not in self.results:
            self.dirty.add(uri)
        future = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(uri, []).append((future, refined))
        self._start(uri)
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            return self.results.get(uri)

    def _running(self, uri: str) -> bool:
        task = self._tasks.get(uri)
        return task is not None and not task.done()

    def forget(self, uri: str) -> None:
        self._cancel_idle(uri)
        self.dirty.discard(uri)
        self.results.pop(uri, None)
        task = self._tasks.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        self._wake(uri, None)


def _identity(finding) -> tuple:
    return finding.code, finding.start, finding.end, finding.message, finding.fix

"""Request work off the event loop: quick fixes, fix-all, hover on large documents.

Each kind of work has its own worker thread (a lane), apart from the thread that analyses documents
for diagnostics: building the fixes of a 40,000-line file neither waits for nor holds up the
diagnostics or the hovers of other documents, and the event loop only hands work out and answers.

Work can be stopped. `$/cancelRequest` cancels the handler's task (pygls does that), and a newer
version of the document supersedes the work (`supersede(uri)`, on didChange and didClose). Either way
the request is answered at once (RequestCancelled, -32800, by pygls; ContentModified, -32801, here),
and the worker gives up at its next `checkpoint()`: between fix-all rounds, between batches of fixes,
between the actions of a range. A batch already running finishes first (a thread cannot be stopped
from outside), so the checkpoints sit where no single step is long.
"""
from __future__ import annotations

import ast
import asyncio
import functools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from pygls.exceptions import JsonRpcContentModified

log = logging.getLogger("mpguard.lsp")
# Quick fixes (every cursor move asks), fix-all (seconds: re-analyses until nothing changes) and hovers on
# large documents: a long fix-all never queues the lightbulb or a hover behind it.
LANES = ("fixes", "fix-all", "hover")


_parse_lock = threading.RLock()


def serialize_ast_parse() -> None:
    """Let one thread at a time run `ast.parse` (idempotent; the server calls it once).

    CPython 3.11 and 3.12 count the depth of the tree being turned into `ast` objects in one counter
    per interpreter (gh-95185, gh-106905). The server parses on several threads (diagnostics, jedi,
    these workers, hovers on the loop); when a garbage collection in the middle of one parse lets
    another thread parse, one of them fails with `SystemError: AST constructor recursion depth
    mismatch`. It did, in the tests: a quick fix answered with an internal error."""
    if getattr(ast.parse, "mpguard_serialized", False):
        return
    original = ast.parse

    @functools.wraps(original)
    def parse(*args, **kwargs):
        with _parse_lock:
            try:
                return original(*args, **kwargs)
            except SystemError as error:
                # Seen once more in the suite with the lock held (a parse that does not come through here
                # is the likely culprit): each parse starts the counter afresh, so a second try succeeds.
                if "recursion depth mismatch" not in str(error):
                    raise
                log.warning("ast.parse: %s (CPython gh-106905); parsing again", error)
                return original(*args, **kwargs)

    parse.mpguard_serialized = True
    ast.parse = parse


class Cancelled(Exception):
    """Raised by `checkpoint()` in a worker whose request was cancelled or superseded."""


_current = threading.local()


def checkpoint() -> None:
    """Stop here if the request this worker serves is no longer wanted (a no-op outside a worker)."""
    token = getattr(_current, "token", None)
    if token is not None and token.is_set():
        raise Cancelled


def _call(offload: "Offload", token: threading.Event, fn: Callable, args: tuple) -> Any:
    if token.is_set():  # cancelled while it waited in the lane's queue
        raise Cancelled
    _current.token = token
    try:
        return fn(*args)
    except Cancelled:
        offload.stopped += 1  # (one worker thread per lane: no lost update worth a lock)
        log.info("request work given up at a checkpoint (cancelled or superseded); %d so far", offload.stopped)
        raise
    finally:
        _current.token = None


class Offload:
    def __init__(self):
        self.lanes = {name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"mpguard-{name}") for name in LANES}
        self._work: dict[str, set] = {}  # uri -> {(token, superseded future)} of the work running for it
        self.started = dict.fromkeys(LANES, 0)  # pieces of work handed to each lane (tests count them)
        self.stopped = 0  # pieces of work that gave up at a checkpoint

    async def run(self, lane: str, uri: str, fn: Callable, *args) -> Any:
        """`fn(*args)` on the lane's thread; raises ContentModified when the document changes meanwhile."""
        loop = asyncio.get_running_loop()
        token = threading.Event()
        superseded = loop.create_future()
        entry = (token, superseded)
        self._work.setdefault(uri, set()).add(entry)
        self.started[lane] += 1
        job = loop.run_in_executor(self.lanes[lane], _call, self, token, fn, args)
        try:
            await asyncio.wait({job, superseded}, return_when=asyncio.FIRST_COMPLETED)
            if superseded.done():
                raise JsonRpcContentModified(f"{uri} changed while the request was worked on")
            return job.result()
        finally:
            token.set()  # no-op when the work is done; otherwise it stops at its next checkpoint
            if not job.done():
                job.cancel()  # still queued: it never runs
            running = self._work.get(uri)
            if running is not None:
                running.discard(entry)
                if not running:
                    del self._work[uri]

    def supersede(self, uri: str) -> None:
        """The document changed (or closed): work for the old text is of no use any more."""
        for token, superseded in self._work.get(uri, ()):
            token.set()
            if not superseded.done():
                superseded.set_result(None)

    def stop(self) -> None:
        """The session ends: stop everything at its next checkpoint, drop what is queued."""
        for uri in list(self._work):
            self.supersede(uri)
        for executor in self.lanes.values():
            executor.shutdown(wait=False, cancel_futures=True)

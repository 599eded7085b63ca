"""The stdio loop: bytes from stdin through `framing.Framer` to `MpguardProtocol.handle_body`.

It replaces pygls's `start_io` (2.1.1), which has no recovery from framing errors (see framing.py)
and swallows the `SystemExit` that pygls's `exit` handler raises, so the process always ended with
code 0. Here `serve_stdio` returns the code: 0 after `shutdown` then `exit`, 1 for `exit` without
`shutdown`, and 1 when the client closes the pipe without either.

A reader thread blocks on stdin and hands each chunk of bytes to the event loop; the loop frames,
decodes and dispatches them (as pygls does), one chunk at a time so other work runs in between.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading

from mpguard.lsp.framing import Framer

log = logging.getLogger("mpguard.lsp")
CHUNK = 64 * 1024


class Writer:
    """pygls's StdoutWriter, except that `close` (pygls calls it on `exit`) only flushes: the CLI
    flushes stdout once more on its way out, and that must not fail."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.stream.flush()

    def close(self) -> None:
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass


def serve_stdio(server, stdin=None, stdout=None) -> int:
    """Serve until `exit` or the end of stdin; the process's exit code."""
    server._stop_event = threading.Event()  # pygls's shutdown() reads it
    server.protocol.set_writer(Writer(stdout or sys.stdout.buffer))
    try:
        return asyncio.run(_serve(server, stdin or sys.stdin.buffer))
    except KeyboardInterrupt:
        return 1
    finally:
        server.shutdown()


class Session:
    """One client's byte stream: framed, decoded, dispatched; `done` holds the exit code once it ends."""

    def __init__(self, server):
        self.server = server
        self.protocol = server.protocol
        self.framer = Framer()
        self.done: asyncio.Future = asyncio.get_running_loop().create_future()

    def finish(self, code: int) -> None:
        if not self.done.done():
            self.done.set_result(code)

    def feed(self, chunk: bytes) -> None:
        if self.done.done():
            return
        if not chunk:
            log.info("the client closed the connection")
            self.finish(0 if self.protocol._shutdown else 1)
            return
        for body, problem in self.framer.feed(chunk):
            if problem:
                log.error("LSP framing error: %s", problem)
            if body is None:
                continue
            try:
                self.protocol.handle_body(body)
            except SystemExit as stop:  # pygls's `exit` handler: 0 after shutdown, else 1
                self.finish(stop.code if isinstance(stop.code, int) else 1)
                return
            except (BrokenPipeError, ConnectionError):
                log.error("the client closed its end; exiting")
                self.finish(1)
                return
            except Exception:  # one bad message must not end the session
                log.exception("could not handle a message")

    async def ended(self) -> int:
        code = await self.done
        stop = getattr(self.server, "stop_work", None)
        if stop is not None:
            stop()
        return code


async def _serve(server, stdin) -> int:
    loop = asyncio.get_running_loop()
    session = Session(server)

    def read() -> None:
        read_some = _reader(stdin)
        while True:
            try:
                chunk = read_some(CHUNK)
            except (OSError, ValueError) as exc:
                log.error("reading stdin failed: %s", exc)
                chunk = b""
            try:
                loop.call_soon_threadsafe(session.feed, chunk)
            except RuntimeError:  # the loop is closed: we are exiting
                return
            if not chunk:
                return

    threading.Thread(target=read, name="mpguard-stdin", daemon=True).start()
    return await session.ended()


def serve_tcp(server, host: str, port: int) -> int:
    """`mpguard server --tcp`: one client at a time over TCP, through the same framing and dispatch."""
    server._stop_event = threading.Event()

    async def main() -> int:
        ended: asyncio.Future = asyncio.get_running_loop().create_future()

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            server.protocol.set_writer(writer)
            session = Session(server)
            while not session.done.done():
                try:
                    chunk = await reader.read(CHUNK)
                except ConnectionError:
                    chunk = b""
                session.feed(chunk)
            if not ended.done():
                ended.set_result(await session.ended())

        listener = await asyncio.start_server(connection, host, port)
        log.info("serving on %s", ", ".join(str(s.getsockname()) for s in listener.sockets))
        async with listener:
            return await ended

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 1
    finally:
        server.shutdown()


def _reader(stdin):
    """A function returning the bytes there are (at least one, or b"" at the end), without waiting for more.
    On a real file descriptor, `os.read`: the buffered reader's lock, held by this (daemon) thread while
    it waits, would make the interpreter abort at exit."""
    try:
        fd = stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return getattr(stdin, "read1", None) or stdin.read
    return lambda size: os.read(fd, size)

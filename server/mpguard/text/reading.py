"""Reading a file that was named or found: only a regular file, only up to a size cap, never blocking.

A FIFO named `x.py` would block `open()` until a writer comes; a symlink to `/dev/zero` would be read
until memory runs out; a character device may even act when opened. So the file is looked at before it
is opened (`os.stat`, which follows the symlink to what would be read), opened without blocking, and
looked at again through the descriptor (the name may have been swapped in between). Every refusal is an
`UnreadableFile` with a message meant for the user; the caller turns it into an MP002 finding.
"""
from __future__ import annotations

import hashlib
import os
import stat

MAX_FILE_BYTES = 32 * 1024 * 1024  # far above any hand-written module; stops a runaway generated file

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class UnreadableFile(Exception):
    """Why a file is not read; `str()` is the message shown for it."""


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a symlink is followed to the file it names), at most `limit`
    (default `MAX_FILE_BYTES`)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        before = os.stat(path)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror or exc}") from None
    _check(before, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        _check(os.fstat(fd), limit)  # what was opened, not what the name pointed at a moment ago
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise UnreadableFile(_too_big(limit))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def regular_bytes(path: str | os.PathLike) -> bytes | None:
    """`read_regular`, or None for a file that is not read: for the places that search or import other files of
    the project (a fix looking for importers, the project index, jedi's fallback), where a FIFO, a device or a
    runaway file is skipped in silence rather than reported."""
    try:
        return read_regular(path)
    except UnreadableFile:
        return None


def regular_text(path: str | os.PathLike) -> str | None:
    """`regular_bytes` decoded as UTF-8 (undecodable bytes replaced), or None."""
    data = regular_bytes(path)
    return None if data is None else data.decode("utf-8", errors="replace")


def _check(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile(f"not read: it is {kind_of(status.st_mode)}, not a regular file")
    if status.st_size > limit:
        raise UnreadableFile(_too_big(limit))


def _too_big(limit: int) -> str:
    return f"not read: larger than {limit // (1024 * 1024)} MiB, the most mpguard reads"


def digest(data: bytes) -> str:
    """What `--fix` compares before writing: the file must still hold the bytes that were analysed."""
    return hashlib.sha256(data).hexdigest()

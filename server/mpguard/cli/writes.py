"""Writing `--fix` results back to disk without ever losing the user's text.

- Atomic: the fixed text goes to a temporary file in the same folder, is flushed to the disk (`fsync`),
  given the original file's permission bits, and only then renamed over the original (`os.replace`). A
  full disk, a file-size limit or a crash leaves either the old file or the new one, never half of one.
- Checked: just before the rename, the file must still hold exactly the bytes that were analysed
  (compared by SHA-256). A file edited meanwhile (by the user, a formatter, another mpguard) is left as
  it is and reported. The window left between that check and the rename is a few system calls long.
- Contained: a file is written only when its real path (symlinks followed) lies inside the checked tree,
  the folder named on the command line that the file was found in. A symlink that points out of that
  tree is reported, not followed. A symlink that stays inside is followed: its target is replaced and the
  link stays a link.
- Hard links are not kept: like most editors' safe writes, the replaced name gets a new file and other
  names of the old one keep the old text.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from mpguard.text.reading import UnreadableFile, digest, read_regular


class NotWritten(Exception):
    """Why the fixes of a file were not written; `str()` is the message for the user. The file is unchanged."""


def tree_of(path: Path, named: list[str]) -> Path:
    """The checked tree `path` belongs to: the deepest folder named on the command line that holds it (as
    spelled, before symlinks), else the folder of the file itself (a file named on the command line)."""
    absolute = Path(os.path.abspath(path))
    best: Path | None = None
    for raw in named:
        folder = Path(os.path.abspath(raw))
        if folder in absolute.parents and (best is None or best in folder.parents):
            best = folder
    return best if best is not None else absolute.parent


def target_inside(path: Path, tree: Path) -> Path:
    """The file that writing `path` would change; `NotWritten` when it lies outside `tree`."""
    target = Path(os.path.realpath(path))
    real_tree = Path(os.path.realpath(tree))
    if real_tree not in target.parents:
        raise NotWritten(f"it leads to {target}, outside the checked tree {tree}; the fixes were not written "
                         "(mpguard does not follow symlinks out of the folder it checks)")
    return target


def replace_checked(path: Path, data: bytes, analysed: str, tree: Path) -> None:
    """Replace the file at `path` with `data`, if it still has the digest `analysed` and lies inside `tree`."""
    target = target_inside(path, tree)
    try:
        status = os.stat(target)
    except OSError as exc:
        raise NotWritten(f"cannot write the fixes ({exc.strerror or exc}); the file is unchanged") from None
    temporary = _write_temporary(target, data, status)
    try:
        try:
            current = read_regular(target)
        except UnreadableFile as exc:
            raise NotWritten(f"{exc}; the fixes were not written") from None
        if digest(current) != analysed:
            raise NotWritten("it changed while mpguard was checking it; the fixes were not written "
                             "(run mpguard again)")
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise NotWritten(f"cannot write the fixes ({exc.strerror or exc}); the file is unchanged") from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(target.parent)


def replace_all_checked(files: list, tree: Path) -> None:
    """Replace several files at once, each `(path, data, analysed digest)`, or none of them: a fix that edits
    another module of the project too (`Fix.others`). Every file must lie inside `tree` and still hold what was
    analysed; the new texts are all written to temporary files before the first rename. Should a rename fail, the
    files already replaced get their old bytes back (written the same way), so no file keeps a half of the fix."""
    targets = [target_inside(path, tree) for path, _data, _digest in files]
    staged: list = []  # (target, temporary, the bytes it replaces)
    try:
        for target, (path, data, analysed) in zip(targets, files):
            try:
                status = os.stat(target)
            except OSError as exc:
                raise NotWritten(f"cannot write the fixes to {path} ({exc.strerror or exc}); no file was changed") \
                    from None
            temporary = _write_temporary(target, data, status)
            staged.append((target, temporary, None))
            try:
                current = read_regular(target)
            except UnreadableFile as exc:
                raise NotWritten(f"{exc}; the fixes were not written") from None
            if digest(current) != analysed:
                raise NotWritten(f"{path} changed while mpguard was checking it; the fixes were not written "
                                 "(run mpguard again)")
            staged[-1] = (target, temporary, current)
    except BaseException:
        for _target, temporary, _old in staged:
            _remove(temporary)
        raise
    done: list = []
    for target, temporary, old in staged:
        try:
            os.replace(temporary, target)
        except OSError as exc:
            for _t, rest, _o in staged[len(done):]:
                _remove(rest)
            for replaced, previous in done:  # back to what it held: the fix is applied to every file or none
                restore = _write_temporary(replaced, previous, os.stat(replaced))
                os.replace(restore, replaced)
            raise NotWritten(f"cannot write the fixes ({exc.strerror or exc}); no file was changed") from None
        done.append((target, old))
    for folder in {target.parent for target in targets}:
        _sync_folder(folder)


def _write_temporary(target: Path, data: bytes, status: os.stat_result) -> str:
    """`data` in a new file beside `target`, on the disk, with `target`'s permission bits (and owner, when
    allowed); its name."""
    try:
        import tempfile  # only when a fix is written: `mpguard check` starts without it

        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".mpguard-fix", dir=target.parent)
    except OSError as exc:
        raise NotWritten(f"cannot write the fixes ({exc.strerror or exc}); the file is unchanged") from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        finally:
            os.close(fd)
        if hasattr(os, "chown"):
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except OSError:  # only the owner's group, or root, may do this; the permission bits are kept anyway
                pass
    except OSError as exc:
        _remove(temporary)
        raise NotWritten(f"cannot write the fixes ({exc.strerror or exc}); the file is unchanged") from None
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

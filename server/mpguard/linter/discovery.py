"""Finding the Python files and notebooks under the paths given, without recursion and without giving up.

`os.walk` recurses once per folder level on Python < 3.12, so a tree 1,200 folders deep ended the whole
run with a RecursionError. This walk keeps its own stack. A folder that cannot be listed is reported
(the caller shows the message) and the walk goes on with the others.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

EXCLUDED_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", ".tox", ".nox", "node_modules",
                 ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist", "site-packages", ".eggs"}
SUFFIXES = (".py", ".ipynb")


def discover(paths, problems: list[str] | None = None) -> list[Path]:
    """Python files and Jupyter notebooks under `paths`, in a stable order (each folder's files by name, then
    its subfolders by name). A path that is not a folder is kept as given, even one that cannot be looked at:
    reading it reports why, for that file alone. Inside folders only regular files count, so a dangling
    symlink or a FIFO named *.py is passed over instead of aborting or blocking the run; symlinked folders
    are not entered. Folders that cannot be listed are described in `problems`."""
    out: list[Path] = []
    for raw in paths:
        if is_folder(raw):
            out.extend(_walk(Path(raw), problems if problems is not None else []))
        else:
            out.append(Path(raw))
    return out


def is_folder(path: str | os.PathLike) -> bool:
    """`Path.is_dir()` raises PermissionError for a path inside a folder that cannot be entered; this never does."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _walk(top: Path, problems: list[str]) -> list[Path]:
    found: list[Path] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(f"{folder}: cannot list the folder ({exc.strerror or exc}); the files in it are not checked")
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in EXCLUDED_DIRS and not entry.name.endswith(".egg-info"):
                        subfolders.append(folder / entry.name)
                elif entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=True):
                    found.append(folder / entry.name)
            except OSError:  # a symlink to somewhere that cannot be looked at: like a dangling one
                continue
        stack.extend(reversed(subfolders))
    return found

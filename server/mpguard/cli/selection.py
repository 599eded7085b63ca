"""Which files `mpguard check` looks at: `linter.files.discover` finds them, this module leaves out the ones
`exclude` / `extend-exclude` or a .gitignore rules out, and pairs each file with its settings.

Like ruff, a file named on the command line is checked even when it is excluded, unless
`--force-exclude` (or `force-exclude = true`) is set: pre-commit names every file it passes.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from mpguard.config import Config, Resolved, glob_regex, resolve
from mpguard.linter.discovery import discover, is_folder


# ---------------------------------------------------------------------------------------------------------
# .gitignore


@dataclass(frozen=True)
class IgnoreRule:
    pattern: str
    negate: bool


def parse_gitignore(text: str) -> list[IgnoreRule]:
    """The rules of one .gitignore: comments, blank lines, `\\#`/`\\!` escapes, trailing spaces (unless
    escaped), `!` negation; a trailing `/` (folders only) and anchoring are read by `config.glob_regex`."""
    rules = []
    for line in text.splitlines():
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        stripped = line.rstrip(" ")
        if stripped.endswith("\\") and len(line) > len(stripped):
            stripped += " "  # "foo\ " keeps its escaped space
        line = stripped
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        elif line.startswith(("\\!", "\\#")):
            line = line[1:]
        if line and line != "/":
            rules.append(IgnoreRule(line, negate))
    return rules


def _git_root(folder: Path, known: dict | None = None) -> Path | None:
    """The nearest folder from `folder` up that holds `.git`; `known`: answers for folders, kept by the
    caller for one run (every file of a folder asks, and each asked up to the file system's root)."""
    if known is None:
        known = {}
    chain = []
    found = None
    for candidate in (folder, *folder.parents):
        if candidate in known:
            found = known[candidate]
            break
        chain.append(candidate)
        if os.path.exists(candidate / ".git"):
            found = candidate
            break
    for candidate in chain:  # (none of them below `found` holds `.git`: it is each one's answer too)
        known[candidate] = found
    return found


class GitIgnore:
    """Is a path ignored by the .gitignore files between its top folder and itself (and `.git/info/exclude`)?

    The top folder is the git work tree's root when the path is in one, else the folder the walk started
    from. Deeper files win over shallower ones, later lines over earlier ones, and nothing inside an
    ignored folder can be brought back (as in git)."""

    def __init__(self):
        self._rules: dict[Path, list[IgnoreRule]] = {}
        self._dirs: dict[tuple[Path, Path], bool] = {}
        self._ruled_cache: dict[tuple[Path, Path], tuple[tuple[int, list[IgnoreRule]], ...]] = {}
        self._git_roots: dict[Path, Path | None] = {}  # folder -> `_git_root`'s answer

    def _rules_in(self, folder: Path, top: Path) -> list[IgnoreRule]:
        if folder not in self._rules:
            rules: list[IgnoreRule] = []
            sources = [folder / ".git" / "info" / "exclude"] if folder == top else []
            for source in sources + [folder / ".gitignore"]:
                try:
                    rules.extend(parse_gitignore(source.read_text(encoding="utf-8", errors="replace")))
                except OSError:
                    pass
            self._rules[folder] = rules
        return self._rules[folder]

    def _ruled(self, folder: Path, top: Path) -> tuple[tuple[int, list[IgnoreRule]], ...]:
        """The folders from `top` down to `folder` that have rules: (how many names below `top`, rules).
        Filled top-down and cached, without recursion: a tree can be deeper than Python's recursion limit,
        and asking every ancestor of every folder would be quadratic in the depth."""
        chain = []
        while (folder, top) not in self._ruled_cache and folder != top:
            chain.append(folder)
            folder = folder.parent
        if (top, top) not in self._ruled_cache:
            rules = self._rules_in(top, top)
            self._ruled_cache[(top, top)] = ((0, rules),) if rules else ()
        depth = len(folder.parts) - len(top.parts)
        for below in reversed(chain):
            depth += 1
            above, rules = self._ruled_cache[(below.parent, top)], self._rules_in(below, top)
            self._ruled_cache[(below, top)] = above + ((depth, rules),) if rules else above
        return self._ruled_cache[(chain[0], top)] if chain else self._ruled_cache[(folder, top)]

    def _matches(self, parts: tuple[str, ...], top: Path, is_dir: bool) -> bool:
        """Do the rules of the folders above it ignore the path `top / parts`?"""
        verdict = False
        for depth, rules in self._ruled(top.joinpath(*parts[:-1]), top):
            relative = "/".join(parts[depth:])
            for rule in rules:
                regex, dir_only = glob_regex(rule.pattern)
                if dir_only and not is_dir:
                    continue
                if regex.match(relative):
                    verdict = not rule.negate
        return verdict

    def _dir_ignored(self, folder: Path, top: Path) -> bool:
        """Is `folder` or a folder above it (up to `top`) ignored? Walked up without recursion."""
        if folder != top and top not in folder.parents:
            return False
        chain = []
        while (folder, top) not in self._dirs and folder != top:
            chain.append(folder)
            folder = folder.parent
        self._dirs.setdefault((top, top), False)
        if chain:
            parts = chain[0].relative_to(top).parts
            for below in reversed(chain):
                depth = len(below.parts) - len(top.parts)
                self._dirs[(below, top)] = self._dirs[(below.parent, top)] or self._matches(parts[:depth], top, True)
        return self._dirs[(chain[0], top)] if chain else self._dirs[(folder, top)]

    def ignored(self, path: str | os.PathLike, start: str | os.PathLike | None = None) -> bool:
        path = Path(os.path.abspath(path))
        top = _git_root(path.parent, self._git_roots) or (Path(os.path.abspath(start)) if start is not None else None)
        if top is None or (top != path.parent and top not in path.parents):
            return False
        return self._dir_ignored(path.parent, top) or self._matches(path.relative_to(top).parts, top, False)


# ---------------------------------------------------------------------------------------------------------
# Files and their settings


@dataclass
class Selection:
    overrides: Sequence[tuple[Any, str, Path | None]] = ()
    config_file: Path | None = None
    fallback: Path | None = None
    respect_gitignore: bool | None = None  # None: as configured (default true)
    force_exclude: bool | None = None

    def __post_init__(self):
        self._gitignore = GitIgnore()
        self._by_folder: dict[Path, Resolved] = {}
        self.problems: list[str] = []  # folders `files` could not list

    def resolved(self, path: str | os.PathLike | None) -> Resolved:
        """The settings of `path` (those of its folder are cached: one configuration per folder)."""
        if path is None or self.config_file is not None:
            return resolve(path, self.overrides, config_file=self.config_file, fallback=self.fallback)
        absolute = Path(os.path.abspath(path))
        folder = absolute.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = resolve(folder, self.overrides, fallback=self.fallback)
        base = self._by_folder[folder]
        return Resolved(base.config, base.config.settings_for(absolute), base.messages)

    def _skip(self, path: Path, config: Config, start: Path | None) -> bool:
        if config.excluded(path, start):
            return True
        respect = config.respect_gitignore if self.respect_gitignore is None else self.respect_gitignore
        return respect and self._gitignore.ignored(path, start)

    def files(self, paths: Sequence[str]) -> list[Path]:
        """The files `mpguard check paths` checks, in order."""
        out: list[Path] = []
        seen: set[str] = set()
        for raw in paths:
            named = not is_folder(raw)
            for path in discover([raw], self.problems):
                config = self.resolved(path).config
                force = config.force_exclude if self.force_exclude is None else self.force_exclude
                if (not named or force) and self._skip(path, config, None if named else Path(raw)):
                    continue
                key = os.path.abspath(path)
                if key not in seen:
                    seen.add(key)
                    out.append(path)
        return out

"""`mpguard explain`: from a printed multiprocessing error (a traceback, or only its last line) to
the rule that explains it, and to the place in the project where it comes from.

Recognising is data: `PATTERNS` holds the wording of each error in every supported Python
(3.10-3.14; /work/shared/HAZARDS.md and the oracle's printed errors per version), most specific
first. Locating tries, in order: the frames of the traceback that are project files, the file a
message names (`<module '__mp_main__' from '...'>`), and the definition of the function or class a
message names; in each such file it looks for the rule's finding (the site the fix rewrites), and
falls back to the frame's line or the definition. Precision first: an error no pattern knows is
not guessed at.
"""
from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from mpguard.linter.files import EXCLUDED_DIRS, analyze_path
from mpguard.linter.settings import Settings
from mpguard.text.findings import Finding
from mpguard.text.reading import regular_text


@dataclass(frozen=True)
class Pattern:
    code: str
    regex: str  # searched in the whole text; named groups: name (a qualified name), module, path
    context: str | None = None  # must also occur somewhere in the text (a frame, a 3.14 note)
    versions: str = "3.10-3.14"  # the Pythons that print it (documentation; the tests feed each one)
    # Rules the same words may also stand for: when the located file has no finding of `code` but
    # one of these, that one is the explanation (an unpicklable lock inside a bound-method target is
    # MP201, inside a returned value MP207; the words alone say MP203).
    alternatives: tuple[str, ...] = ()

    def search(self, text: str) -> re.Match | None:
        if self.context is not None and not re.search(self.context, text):
            return None
        return re.search(self.regex, text)


NAME = r"[\w.]+(?:\.<locals>\.[\w.]+)*"
ALSO_UNPICKLABLE = ("MP201", "MP207", "MP204")
PATTERNS: tuple[Pattern, ...] = (
    Pattern("MP413", r"daemonic processes are not allowed to have children"),
    Pattern("MP101", r"An attempt has been made to start a new process before\s+the"),
    Pattern("MP401", r"RuntimeError: context has already been set"),
    Pattern("MP205", r"A SemLock created in a \w+ context is being shared with a process in a \w+ context"),
    Pattern("MP204", r"\w+ objects should only be shared between processes through inheritance"),
    Pattern("MP404", r"max_tasks_per_child is incompatible with the 'fork' start method"),
    Pattern("MP403", r"cannot find context for 'fork'"),
    # A Lock released when no one holds it (a second release on one path: rules/locks.py).
    Pattern("MP307", r"ValueError: semaphore or lock released too many times"),
    Pattern("MP307", r"AssertionError: attempt to release recursive lock not owned by thread"),
    Pattern("MP307", r"RuntimeError: (?:release unlocked lock|cannot release un-acquired lock)"),
    # A result that cannot be pickled back: Pool says so; ProcessPoolExecutor fails in _sendback_result.
    Pattern("MP207", r"MaybeEncodingError: Error sending result"),
    Pattern("MP207", r"TypeError: cannot pickle '[\w.]+' (?:object|instances)", context=r"_sendback_result"),
    # What a Queue's feeder thread prints when it cannot pickle an item put on the queue (the item is lost).
    Pattern("MP210", r"TypeError: cannot pickle '[\w.]+' (?:object|instances)", context=r"in _feed\b"),
    # Local functions and classes: 3.10-3.12 "Can't pickle local object 'f.<locals>.g'", 3.12.5+/3.13
    # "Can't get local object", 3.14 "_pickle.PicklingError: Can't pickle local object <function f.<locals>.g at 0x..>"
    # (a class: <class '__main__.f.<locals>.C'>).
    Pattern("MP201", rf"Can't (?:pickle|get) local object '(?P<name>{NAME})'"),
    Pattern("MP201", rf"Can't pickle local object <function (?P<name>{NAME}) at"),
    Pattern("MP201", rf"Can't pickle local object <class '(?:__main__\.|__mp_main__\.)?(?P<name>{NAME})'>"),
    # Lambdas: up to 3.13 "attribute lookup <lambda> on M failed", 3.14 "it's not found as M.<lambda>".
    Pattern("MP201", r"Can't pickle <function <lambda> at 0x[0-9a-fA-F?]+>: attribute lookup <lambda> on "
                     r"(?P<module>[\w.]+) failed"),
    Pattern("MP201", r"Can't pickle <function <lambda> at 0x[0-9a-fA-F?]+>: it's not found as "
                     r"(?P<module>[\w.]+)\.<lambda>"),
    # 3.14's notes say what was being pickled: something inside the target or the submitted function.
    Pattern("MP201", r"TypeError: cannot pickle '[\w.]+' (?:object|instances)",
            context=r"when serializing dict item '(?:_target|fn)'"),
    # An exception class whose __init__ pickle cannot call again with the saved args.
    Pattern("MP208", r"TypeError: (?P<name>[\w.]+)\.__init__\(\) missing \d+ required (?:positional|keyword-only) "
                     r"arguments?"),
    # A name the child's re-imported main module lacks: in a notebook (MP209), else defined under the guard.
    Pattern("MP209", rf"Can't get attribute '(?P<name>{NAME})' on <module '__main__' \(<class "
                     r"'_frozen_importlib\.BuiltinImporter'>\)>"),
    Pattern("MP209", rf"module '__main__' has no attribute '(?P<name>{NAME})'", context=r"ipykernel|<ipython-input"),
    Pattern("MP202", rf"Can't get attribute '(?P<name>{NAME})' on <module '(?:__mp_main__|__main__)'"
                     r"(?: from '(?P<path>[^']+)')?"),
    Pattern("MP202", rf"module '(?:__mp_main__|__main__)' has no attribute '(?P<name>{NAME})'"),
    Pattern("MP203", r"TypeError: cannot pickle '[\w.]+' (?:object|instances)", alternatives=ALSO_UNPICKLABLE),
    Pattern("MP203", r"TypeError: can(?:'|no)t pickle [\w.]+ objects", alternatives=ALSO_UNPICKLABLE),  # older wording
)

FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+), in (?P<function>\S+)', re.M)
MAX_SEARCHED_FILES = 5000


@dataclass(frozen=True)
class Frame:
    path: str
    line: int
    function: str


@dataclass(frozen=True)
class Site:
    path: str
    row: int  # 1-based
    column: int = 0
    end_row: int | None = None
    end_column: int | None = None
    how: str = ""  # what found it: "finding", "frame", "definition"
    finding: Finding | None = None  # the rule's finding there (its fix is what the editor offers)


@dataclass
class Explanation:
    code: str
    matched: str  # the error line that was recognised
    alternatives: tuple[str, ...] = ()
    name: str | None = None  # the qualified name the error quotes, if any
    module: str | None = None
    frames: list[Frame] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)


def recognise(text: str) -> Explanation | None:
    """The rule behind the first (most specific) pattern the text matches, or None."""
    for pattern in PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        line = text[start:end if end >= 0 else len(text)].strip()
        return Explanation(pattern.code, line, pattern.alternatives, groups.get("name"), groups.get("module"),
                           frames(text), [] if not groups.get("path") else [Site(groups["path"], 0, how="message")])
    return None


def frames(text: str) -> list[Frame]:
    return [Frame(m.group("path"), int(m.group("line")), m.group("function")) for m in FRAME.finditer(text)]


def explain(text: str, root: str | os.PathLike | None = None,
            settings_for: Callable[[Path], Settings] = lambda path: Settings()) -> Explanation | None:
    """Recognise the error and locate it under `root` (the workspace; None: the frames' files only)."""
    explanation = recognise(text)
    if explanation is None:
        return None
    explanation.sites = locate(explanation, Path(root) if root else None, settings_for)
    return explanation


def locate(explanation: Explanation, root: Path | None, settings_for: Callable[[Path], Settings]) -> list[Site]:
    candidates: list[tuple[Path, int | None]] = []  # (file, line to be near, if known)
    for frame in reversed(explanation.frames):  # innermost first
        path = _project_file(frame.path, root)
        if path is not None:
            candidates.append((path, frame.line))
    for site in explanation.sites:  # a file the message names
        path = _project_file(site.path, root)
        if path is not None:
            candidates.append((path, None))
    definitions = _definitions(explanation.name, [c[0] for c in candidates], root)
    for path, row in definitions:
        candidates.append((path, row))
    sites: list[Site] = []
    seen_files: set[Path] = set()
    candidates = [(path.resolve(), near) for path, near in candidates]
    definitions = [(path.resolve(), row) for path, row in definitions]
    for path, near in candidates:
        if path in seen_files:
            continue
        seen_files.add(path)
        site = _finding_site(path, near, explanation, settings_for(path))
        if site is not None:
            if not sites and site.finding is not None and site.finding.code != explanation.code:
                explanation.code = site.finding.code  # the words allowed it, the project's code says it
            if site.finding is not None and site.finding.code == explanation.code:
                sites.append(site)
    if not sites:  # no finding to point at: the innermost project frame, else the definition
        for path, near in candidates:
            if near:
                how = "definition" if (path, near) in definitions else "frame"
                sites.append(Site(str(path), near, how=how))
                break
    return sites


def _finding_site(path: Path, near: int | None, explanation: Explanation, settings: Settings) -> Site | None:
    found = analyze_path(path, settings, None).findings
    findings = [f for f in found if f.code == explanation.code]
    if not findings:
        findings = [f for f in found if f.code in explanation.alternatives]
    if not findings:
        return None
    last = (explanation.name or "").split(".")[-1]

    def rank(f: Finding) -> tuple:
        names_it = bool(last) and re.search(rf"\b{re.escape(last)}\b", f.message) is not None
        return (not names_it, abs(f.start.row - near) if near else 0, f.start.row)

    best = min(findings, key=rank)
    return Site(str(path), best.start.row, best.start.column, best.end.row, best.end.column, "finding", best)


def _project_file(raw: str, root: Path | None) -> Path | None:
    """The file a traceback names, if it is the user's: inside `root` (found by its path, or by its
    tail when the traceback came from another machine), or, without a root, any file outside Python's
    own library and installed packages."""
    if not raw.endswith((".py", ".ipynb")) or raw.startswith("<"):
        return None
    path = Path(raw)
    if root is not None:
        root = root.resolve()
        try:
            if path.is_file() and path.resolve().is_relative_to(root):
                return path.resolve()
        except OSError:
            return None
        parts = Path(raw.replace("\\", "/")).parts
        for start in range(1, len(parts)):  # /ci/build/proj/pkg/mod.py -> <root>/pkg/mod.py, ...
            tail = root.joinpath(*parts[start:])
            if tail.is_file():
                return tail
        return None
    if not path.is_file() or _library(path):
        return None
    return path.resolve()


def _library(path: Path) -> bool:
    text = str(path.resolve())
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix) if p}
    return "site-packages" in path.parts or "dist-packages" in path.parts or \
        any(text.startswith(os.path.join(p, "lib")) for p in prefixes)


def _definitions(name: str | None, first: Iterable[Path], root: Path | None) -> list[tuple[Path, int]]:
    """Where the function or class `name` ('f.<locals>.g', 'Job', 'JobError') is defined: in the files
    already named first, then in the project's files (a word search, confirmed by parsing)."""
    if not name:
        return []
    chain = [part for part in name.split(".") if part and part != "<locals>"]
    if not chain or not all(part.isidentifier() for part in chain):
        return []
    files = list(dict.fromkeys(first))
    if root is not None:
        files += [p for p in _python_files(root) if p not in files]
    word = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(chain[-1])}\b", re.M)
    found = []
    for path in files:
        text = regular_text(path)
        if text is None:
            continue
        if not word.search(text):
            continue
        row = _defined_at(text, chain)
        if row is not None:
            found.append((path, row))
    return found


def _defined_at(text: str, chain: list[str]) -> int | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)

    def walk(nodes, index):
        for node in nodes:
            if isinstance(node, kinds) and node.name == chain[index]:
                if index == len(chain) - 1:
                    return node.lineno
                inner = walk(ast.walk(node), index + 1)
                if inner is not None:
                    return inner
            elif isinstance(node, (ast.If, ast.With, ast.Try)) and index == 0:  # under the main guard
                inner = walk(ast.iter_child_nodes(node), index)
                if inner is not None:
                    return inner
        return None

    return walk(tree.body, 0) if len(chain) > 1 else walk(ast.walk(tree), 0)


def _python_files(root: Path) -> list[Path]:
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS and not d.startswith("."))
        out.extend(Path(folder) / f for f in sorted(files) if f.endswith(".py"))
        if len(out) >= MAX_SEARCHED_FILES:
            break
    return out

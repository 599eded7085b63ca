"""Finding files, reading them, and analysing each with the right settings and resolver."""
from __future__ import annotations

import os
import time
from pathlib import Path

from mpguard.linter.settings import Settings
from mpguard.linter.analyze import AnalysisResult, analyze
from mpguard.resolve.project import ProjectResolver, Summarizer
from mpguard.linter.discovery import EXCLUDED_DIRS, discover  # noqa: F401  (where they used to live)
from mpguard.text.reading import UnreadableFile, read_regular
from mpguard.linter.reach import may_give
from mpguard.linter.trees import borrowed_tree


def package_of(path: Path) -> tuple[str, Path]:
    """The dotted package containing `path`, and the folder its top package lives in."""
    parts, folder = [], path.resolve().parent
    while os.path.isfile(folder / "__init__.py") and folder.parent != folder:
        parts.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(parts)), folder


# Files that mark the top of a Python project (what `pip install -e .` would make importable from).
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")
_MARKED: dict = {}


def marked_root(folder: str) -> Path | None:
    """The nearest folder at or above `folder` holding a project marker, else None. A search root beside the
    working directory: without it `import pkg` in the project's examples/ or scripts/ resolved only when mpguard ran
    from the project's top, so the same tree gave other findings from another working directory."""
    if folder not in _MARKED:
        found, current = None, Path(folder)
        while True:
            if any(os.path.isfile(current / marker) for marker in PROJECT_MARKERS):
                found = current
                break
            if current.parent == current:
                break
            current = current.parent
        _MARKED[folder] = found
    return _MARKED[folder]


def _marked_roots(folder: str) -> list:
    """The marked folder alone, as a run from it would search (cwd): not its src/, whose package then becomes
    project code analysed from source where a run from the top left it to the installed library's catalog."""
    root = marked_root(folder)
    return [root] if root is not None else []


def resolver_for(path: Path, project_root: Path | None = None, fallback="jedi") -> ProjectResolver:
    """The project's own modules through `ast`; anything else through jedi (lazily, on a budget)."""
    _, top = package_of(path)
    if fallback == "jedi":
        from mpguard.resolve.jedi_resolver import JediResolver

        fallback = JediResolver(project_root or top)
    roots = [top, path.resolve().parent, Path.cwd(), *_marked_roots(str(path.resolve().parent))]
    if project_root is not None:
        roots += [project_root, project_root / "src"]
    return ProjectResolver(dict.fromkeys(roots), fallback, SUMMARIZER)


def import_time_summary(data, path, module, resolver):
    """`linter.summaries.import_time_summary`, imported when a module is first summarised (it needs the model
    and the rules; a one-file check of a module that imports no project module never does)."""
    from mpguard.linter.summaries import import_time_summary as summarize

    return summarize(data, path, module, resolver)


def top_definitions(data, path, module, resolver):
    """`linter.summaries.top_definitions` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import top_definitions as definitions

    return definitions(data, path, module, resolver)


def raise_summary(data, path, module, resolver, *depth):
    """`linter.summaries.raise_summary` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import raise_summary as raises

    return raises(data, path, module, resolver, *depth)


def result_summary(data, path, module, resolver):
    """`linter.summaries.result_summary` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import result_summary as results

    return results(data, path, module, resolver)


def module_globals(data, path, module, resolver):
    """`linter.summaries.module_globals` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import module_globals as found

    return found(data, path, module, resolver)
def write_summary(data, path, module, resolver):
    """`linter.summaries.write_summary` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import write_summary as writes

    return writes(data, path, module, resolver)


def registrations(data, path, module, resolver):
    """`linter.summaries.registrations` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import registrations as registered

    return registered(data, path, module, resolver)


def site_findings(data, path, module, resolver):
    """`linter.site_findings.site_findings` (imported when first asked, as the summaries are)."""
    from mpguard.linter.site_findings import site_findings as found

    return found(data, path, module, resolver)


def module_names(data, path, module, resolver):
    """`linter.summaries.module_names` (imported when first asked, as the summaries are)."""
    from mpguard.linter.summaries import module_names as names

    return names(data, path, module, resolver)


# The linter's answers to the resolver's questions about another module; each imports the model and the
# rules when first asked, so that a one-file check of a module that imports no project module never does.
SUMMARIZER = Summarizer(
    import_time_summary,
    may_give=may_give,  # the quick test: questions about process effects alone skip the summary
    definitions=top_definitions,  # a module's definitions without walking it
    raises=raise_summary,  # what its functions raise, only when a rule asks
    names=module_names,  # its definitions and imports without walking it
    results=result_summary,  # what its functions return that pickle refuses, only when a rule asks
    globals=module_globals,  # the values its top binds names to once, only when a rule asks
    writes=write_summary,  # how much its functions put on the queues they are given, only when a rule asks
    registered=registrations,  # what importing it registers in registries, only when a rule asks
    site_findings=site_findings,  # what its spawning functions start that fails whatever the caller gives
    tree=borrowed_tree,  # a tree of its text the run has parsed, for facts that keep none of its nodes
)


def analyze_path(path: Path, settings: Settings, project_root: Path | None = None, fixes=True) -> AnalysisResult:
    return check_path(path, settings, project_root, fixes)[0]


def check_path(path: Path, settings: Settings, project_root: Path | None = None,
               fixes=True, keep: bool = True) -> tuple[AnalysisResult, dict]:
    """One file's findings, and what the cache across runs keeps about it (`linter.cache.record_of`: the
    file's stat and content hash, and the project modules the analysis read). Whatever goes wrong with
    this file (it cannot be read, it is not a regular file, the analysis itself fails) is an MP002
    finding for it, so that the other files still get theirs; such a result is not kept. `keep` False:
    there is no cache to keep anything (`--no-cache`), and the record is empty."""
    from mpguard.linter.cache import record_of

    nothing = record_of(None, None, 0, {})
    hashed_at = time.time_ns()  # before reading: an edit after this moment is never mistaken for this text
    try:
        stat = os.stat(path)
        data = read_regular(path)
    except UnreadableFile as exc:
        return failed(str(exc)), nothing
    except OSError as exc:
        return failed(f"cannot read the file: {exc.strerror or exc}"), nothing
    try:
        package, roots = _placed(path, project_root)
        resolver = ProjectResolver(roots, _jedi(project_root or Path(roots[0])), SUMMARIZER, record=keep)
        if path.suffix == ".ipynb":
            result = analyze_notebook(data, path, settings, project_root, resolver)
        else:
            result = analyze(data, str(path), settings, resolver, package or None, fixes=fixes)
    except Exception as exc:  # a bug of ours on this file must not cost the others
        from mpguard.linter import analyze as analysis

        if analysis.STRICT:  # the tests want the traceback
            raise
        return failed(internal_error(exc)), nothing
    return result, record_of(stat, data, hashed_at, resolver.consulted) if keep else nothing


def internal_error(exc: BaseException) -> str:
    return f"mpguard failed on this file ({type(exc).__name__}: {exc}); please report it"


def failed(message: str) -> AnalysisResult:
    """The result of a file that could not be checked: one MP002 finding saying why."""
    from mpguard.linter.analyze import unreadable
    from mpguard.text.source import SourceText

    return unreadable(SourceText(""), message)


# folder (resolved), project root, cwd -> (package, resolver roots): the same for every file of a folder.
# Cleared by `new_run` (a package may gain an __init__.py between two runs of one process).
_PLACES: dict = {}


def new_run() -> None:
    _PLACES.clear()
    _MARKED.clear()
    _REAL_FOLDERS.clear()


def _placed(path: Path, project_root: Path | None) -> tuple[str, list]:
    folder = _real_folder(path)
    key = (folder, project_root, os.getcwd())
    if key not in _PLACES:
        package, top = package_of(path)
        roots = [top, Path(folder), Path.cwd(), *_marked_roots(folder)]
        if project_root is not None:
            roots += [project_root, project_root / "src"]
        _PLACES[key] = package, list(dict.fromkeys(roots))
    return _PLACES[key]


_REAL_FOLDERS: dict = {}  # a folder as named -> its real path, for the run (cleared by `new_run`)


def _real_folder(path) -> str:
    """`os.path.dirname(os.path.realpath(path))`: the folder a file really is in. Unless the file itself is a
    symbolic link, that is the real path of the folder it is named in, the same for every file there
    (each file's path was resolved component by component, a system call for each: 1,790 times over the stdlib)."""
    if os.path.islink(path):
        return os.path.dirname(os.path.realpath(path))
    named = os.path.dirname(os.path.abspath(path))
    real = _REAL_FOLDERS.get(named)
    if real is None:
        real = _REAL_FOLDERS[named] = os.path.realpath(named)
    return real


def _jedi(root: Path):
    from mpguard.resolve.jedi_resolver import JediResolver

    return JediResolver(root)


def analyze_notebook(data: bytes, path: Path, settings: Settings, project_root: Path | None,
                     resolver: ProjectResolver | None = None) -> AnalysisResult:
    """A notebook's code cells as one module; `cells` maps its rows back to the cells."""
    from mpguard.text.notebook import read_notebook

    try:
        notebook = read_notebook(data)
    except ValueError as exc:
        from mpguard.linter.analyze import unreadable
        from mpguard.text.source import SourceText

        return unreadable(SourceText(""), f"cannot read the notebook: {exc}")
    result = analyze(notebook.text, str(path), settings, resolver or resolver_for(path, project_root), None)
    result.cells = notebook.cells
    if notebook.errors and settings.enabled("MP001"):  # cells left out; the others were checked
        from mpguard.linter.analyze import sort_key
        from mpguard.text.findings import Finding, Position

        result.findings = sorted(result.findings + [Finding("MP001", message, Position(row, column), Position(row, column))
                                                    for row, column, message in notebook.errors], key=sort_key)
    return result

"""Finding files, reading them, and analysing each with the right settings and resolver."""
from __future__ import annotations

import os
from pathlib import Path

from mpguard.linter.settings import Settings
from mpguard.linter.analyze import AnalysisResult, analyze
from mpguard.resolve.project import ProjectResolver
from mpguard.linter.summaries import import_time_summary
from mpguard.linter.discovery import EXCLUDED_DIRS, discover  # noqa: F401  (where they used to live)
from mpguard.linter.reading import UnreadableFile, read_regular


def package_of(path: Path) -> tuple[str, Path]:
    """The dotted package containing `path`, and the folder its top package lives in."""
    parts, folder = [], path.resolve().parent
    while os.path.isfile(folder / "__init__.py") and folder.parent != folder:
        parts.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(parts)), folder


def resolver_for(path: Path, project_root: Path | None = None, fallback="jedi") -> ProjectResolver:
    """The project's own modules through `ast`; anything else through jedi (lazily, on a budget)."""
    _, top = package_of(path)
    if fallback == "jedi":
        from mpguard.resolve.jedi_resolver import JediResolver

        fallback = JediResolver(project_root or top)
    roots = [top, path.resolve().parent, Path.cwd()]
    if project_root is not None:
        roots += [project_root, project_root / "src"]
    return ProjectResolver(dict.fromkeys(roots), fallback, import_time_summary)


def analyze_path(path: Path, settings: Settings, project_root: Path | None = None, fixes=True) -> AnalysisResult:
    """One file's findings. Whatever goes wrong with this file (it cannot be read, it is not a regular
    file, the analysis itself fails) is an MP002 finding for it, so that the other files still get theirs."""
    try:
        data = read_regular(path)
        package, _ = package_of(path)
        if path.suffix == ".ipynb":
            return analyze_notebook(data, path, settings, project_root)
        return analyze(data, str(path), settings, resolver_for(path, project_root), package or None, fixes=fixes)
    except UnreadableFile as exc:
        return failed(str(exc))
    except Exception as exc:  # a bug of ours on this file must not cost the others
        from mpguard.linter import analyze as analysis

        if analysis.STRICT:  # the tests want the traceback
            raise
        return failed(internal_error(exc))


def internal_error(exc: BaseException) -> str:
    return f"mpguard failed on this file ({type(exc).__name__}: {exc}); please report it"


def failed(message: str) -> AnalysisResult:
    """The result of a file that could not be checked: one MP002 finding saying why."""
    from mpguard.linter.analyze import unreadable
    from mpguard.text.source import SourceText

    return unreadable(SourceText(""), message)


def analyze_notebook(data: bytes, path: Path, settings: Settings, project_root: Path | None) -> AnalysisResult:
    """A notebook's code cells as one module; `cells` maps its rows back to the cells."""
    from mpguard.text.notebook import read_notebook

    try:
        notebook = read_notebook(data)
    except ValueError as exc:
        from mpguard.linter.analyze import unreadable
        from mpguard.text.source import SourceText

        return unreadable(SourceText(""), f"cannot read the notebook: {exc}")
    result = analyze(notebook.text, str(path), settings, resolver_for(path, project_root), None)
    result.cells = notebook.cells
    if notebook.errors and settings.enabled("MP001"):  # cells left out; the others were checked
        from mpguard.linter.analyze import sort_key
        from mpguard.text.findings import Finding, Position

        result.findings = sorted(result.findings + [Finding("MP001", message, Position(row, column), Position(row, column))
                                                    for row, column, message in notebook.errors], key=sort_key)
    return result

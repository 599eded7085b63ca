"""The editor settings that shape what the server sends, not what the analysis finds (ruff's extension
has the same): `lint.run`, the code-action toggles, `enable`, `logLevel` / `logFile`, and the debug
report behind "mpguard: Show debug info". The values are parsed by `config.editor_options`.
"""
from __future__ import annotations

import logging
import platform
import sys
from typing import Any

from lsprotocol import types

from mpguard import __version__
from mpguard.config import EditorOptions, describe, resolve

FIX_ALL_PREFIX = "source.fixAll"
NOQA_TITLE = "Disable "  # lsp/actions.noqa_action: "Disable MPxxx for this line"
LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO, "debug": logging.DEBUG,
          "trace": logging.DEBUG}


class SaveGate:
    """`lint.run = "onSave"`: after an edit, diagnostics keep describing the document as it was opened
    or last saved; the next save publishes the analysis of the saved text. Requests (hover, code
    actions) still read the current text."""

    def __init__(self):
        self.held: set[str] = set()  # edited since opened or saved
        self.reports: dict[str, tuple[str, list]] = {}  # pull mode: uri -> (result id, items) last answered

    def edited(self, uri: str, options: EditorOptions) -> bool:
        """True when the edit must not publish (the document waits for its save)."""
        if options.lint_run != "onSave":
            return False
        self.held.add(uri)
        return True

    def released(self, uri: str) -> None:
        self.held.discard(uri)

    def holds(self, uri: str) -> bool:
        return uri in self.held

    def remember(self, uri: str, result_id: str, items: list) -> None:
        self.reports[uri] = (result_id, items)

    def held_report(self, uri: str, previous_result_id: str | None):
        """While held, the pull answer is the last one given (unchanged when the client has it)."""
        last = self.reports.get(uri) if uri in self.held else None
        if last is None:
            return None
        if previous_result_id == last[0]:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=last[0])
        return types.RelatedFullDocumentDiagnosticReport(items=last[1], result_id=last[0])

    def forget(self, uri: str) -> None:
        self.held.discard(uri)
        self.reports.pop(uri, None)


def allowed_actions(actions: list[types.CodeAction] | None, options: EditorOptions) -> list[types.CodeAction] | None:
    """Leave out the kinds of action the user turned off."""
    if actions is None:
        return None
    if not options.enable:
        return []
    out = []
    for action in actions:
        kind = str(getattr(action.kind, "value", action.kind) or "")
        if kind.startswith(FIX_ALL_PREFIX):
            keep = options.fix_all
        elif action.title.startswith(NOQA_TITLE):
            keep = options.disable_rule_comment
        else:
            keep = options.fix_violation
        if keep:
            out.append(action)
    return out


_file_handler: logging.Handler | None = None


def apply_logging(options: EditorOptions) -> None:
    """`logLevel` sets the level of the server's loggers; `logFile` adds a file they also write to."""
    global _file_handler
    logger = logging.getLogger("mpguard")
    if options.log_level:
        logger.setLevel(LEVELS[options.log_level])
    wanted = options.log_file
    current = getattr(_file_handler, "baseFilename", None)
    if _file_handler is not None and (wanted is None or current != _absolute(wanted)):
        logger.removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
    if wanted and _file_handler is None:
        try:
            _file_handler = logging.FileHandler(wanted, encoding="utf-8")
        except OSError as exc:
            logger.warning("cannot write the log file %s: %s", wanted, exc)
            return
        _file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(_file_handler)
        logger.warning("mpguard %s logs to %s (level %s)", __version__, wanted, options.log_level or "default")


def _absolute(path: str) -> str:
    import os

    return os.path.abspath(path)


def debug_info(ls: Any, uri: str | None) -> str:
    """What a bug report needs: versions, the client, the editor options, and the settings the given
    file (or the workspace) is checked with."""
    import pygls

    options = ls.settings.options
    client = getattr(ls, "client_info", None) or getattr(getattr(ls, "protocol", None), "client_info", None)
    lines = [
        f"mpguard {__version__} (server)",
        f"Python {platform.python_version()} ({sys.executable}) on {platform.platform()}",
        f"pygls {getattr(pygls, '__version__', '?')}",
        f"client: {getattr(client, 'name', '?')} {getattr(client, 'version', '') or ''}".rstrip(),
        f"workspace: {ls.workspace.root_path}",
        f"position encoding: {ls.encoding}; diagnostics: {'pulled' if ls.pull else 'pushed'}",
        f"open documents: {len(ls.workspace.text_documents)}",
        "editor options: " + ", ".join(f"{k}={v!r}" for k, v in vars(options).items()),
        f"editor settings ({ls.settings.label}): {ls.settings.client!r}",
    ]
    path = None
    doc = ls.document(uri) if uri else None
    if doc is not None:
        path = doc.path
    target = path or ls.workspace.root_path
    if target:
        root = ls.workspace.root_path
        from pathlib import Path

        resolved = resolve(path, [(ls.settings.client, ls.settings.label, Path(root) if root else None)],
                           fallback=root, preference=options.configuration_preference)
        lines += ["", describe(resolved, target)]
    return "\n".join(lines)

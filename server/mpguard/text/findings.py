"""Plain data the core hands to its shells (CLI, language server)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Position:
    """A place in the text: `row` is 1-based, `column` is 0-based and counts code points.

    `ast` gives UTF-8 byte columns; `mpguard.text.source` converts them to this form once.
    """

    row: int
    column: int


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True)
class Edit:
    """Replace the text between `start` and `end` with `content`."""

    start: Position
    end: Position
    content: str


@dataclass(frozen=True)
class FileEdits:
    """Edits of another file of the project that a fix makes together with its own: the lambda or nested
    function a helper module makes is lifted there (`fixes/other_module.py`). `digest` is the SHA-256 of the
    bytes the edits were computed on and `text` those bytes decoded: a shell applies the edits only while the
    file still holds them, and converts columns through `text`."""

    path: str
    digest: str
    text: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Fix:
    message: str
    applicability: Applicability
    edits: tuple[Edit, ...]  # in the finding's own file (may be empty when `others` holds the whole fix)
    # Edits of other files, applied with these or not at all (`cli.writes.replace_all_checked`, a code action's
    # WorkspaceEdit over several documents). Fix-all over one file's text (`fixes.apply.apply_round`) skips them.
    others: tuple[FileEdits, ...] = ()

    def span(self) -> tuple[Position, Position]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


# The related text of a copy of a finding at the pool call that runs a task (rules/context.copy_at_dispatch); the
# related location is the finding it copies: a comment that silences that one silences the copy (linter/noqa).
SENT_BACK = "the task sends it back from here"
# The related text of a write of the parent's state named by the MP302 finding at the call that runs a child
# reading it (rules/state_dispatch): a comment that silences the finding at the write silences that one too.
SET_BY_PARENT = "the parent sets it here, at run time"
# The related text of a copy of a finding about what a Process pickles at a later `start()` of that process (one
# not right after the statement that makes it: rules/context.started_later); it names the `Process(...)` call.
MADE_HERE = "the process it starts is made here"
# The related text of the child's change named by the MP301 finding at the call that hands the changed argument to
# the child (rules/argument_copies): a comment that silences the finding at the change silences that one too.
CHANGED_IN_CHILD = "the child changes its copy here"

# The related texts of a copy that names the finding it copies: a comment at that finding silences the copy too.
ORIGIN_TEXTS = frozenset({SENT_BACK, SET_BY_PARENT, MADE_HERE, CHANGED_IN_CHILD})


def silencing_rows(finding) -> set:
    """The rows whose suppression comments silence `finding`: those it starts and ends on, and for a copy at the
    pool call that runs a task (or at the later `start()` of a process), the row of the finding it copies."""
    rows = {finding.start.row, finding.end.row}
    rows.update(position.row for position, text in finding.related if text in ORIGIN_TEXTS)
    return rows


@dataclass(frozen=True)
class RelatedFile:
    """A related location in another module of the project: where the hazard of a finding made at
    a call takes effect (the line of a helper module that hands the value to a child process, starts
    one, or raises). Shown as LSP relatedInformation and in the JSON `related` list."""

    path: str
    line: int
    message: str
    # The hazard happens on this line, not at the finding (the `raise` in a task, the crossing into the
    # child, the nested pool's creation): `mpguard check` reports the finding here when this module is
    # one of the files of its run (`linter.sites`). False for a line that only explains (where a value
    # was assigned or kept).
    site: bool = False


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    start: Position
    end: Position
    # Default start methods (fork/spawn/forkserver) under which the code misbehaves.
    start_methods: frozenset[str] = frozenset()
    # Platforms named when the hazard does not follow from the start method alone
    # (e.g. "fork" does not exist on Windows). Empty means: derive from start_methods.
    extra_platforms: frozenset[str] = frozenset()
    fix: Fix | None = None
    # Set by the shell from configuration; rules leave it to the registry default.
    severity: str | None = None
    # The exact runtime error for this finding, when the rule knows it (else the rule's generic text).
    error: str | None = None
    related: tuple[tuple[Position, str], ...] = field(default=())
    related_file: RelatedFile | None = None
    # Platforms where the finding's code cannot run at all: under a platform test that excludes them, or
    # after an explicit fork/forkserver context, which Windows does not have (ValueError first there).
    unreachable_on: frozenset[str] = frozenset()
    # The (major, minor) Python versions on which the code misbehaves, when not all do (an object that
    # pickles on 3.13 only); None means every version.
    python_versions: frozenset[tuple[int, int]] | None = None
    # Start methods under which the code misbehaves from a Python version on only, as (method, (major, minor))
    # pairs: 3.14's forkserver imports `__main__` once in its server, so state made at that import is shared by
    # its children like fork's (("forkserver", (3, 14))). Not in `start_methods`, which the shell fills for
    # the Python version it judges (linter.analyze._restrict).
    later_methods: frozenset[tuple[str, tuple[int, int]]] = frozenset()
    # A fix not built yet (analysis with fixes="lazy"): `fix` is None until a shell that shows fixes
    # asks for it (`mpguard.linter.lazy_fixes`). Not part of what the finding is.
    lazy_fix: "LazyFix | None" = field(default=None, compare=False, repr=False)


def bites(finding, method: str, version) -> bool:
    """Does the finding's code misbehave under the default start method `method` on Python `version`
    (its start methods, or one of the later ones from their version on)?"""
    version = tuple(version)[:2]
    versions = getattr(finding, "python_versions", None)
    if versions is not None and version not in versions:
        return False
    return method in finding.start_methods or any(
        m == method and version >= since for m, since in getattr(finding, "later_methods", ()))


class LazyFix:
    """A fix builder called on demand, at most once: `mpguard check` builds the fixes only when its
    output shows them, so a check without fixes does none of that work."""

    __slots__ = ("_build", "_fix")

    def __init__(self, build):
        self._build = build
        self._fix = None

    def force(self) -> Fix | None:
        if self._build is not None:
            build, self._build = self._build, None  # frees what the builder held (the module's tree)
            self._fix = build()
        return self._fix

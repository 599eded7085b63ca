"""`mpguard migrate --from 3.13 --to 3.14`: every site whose behaviour changes when a platform's default
start method changes (Linux: fork to forkserver in 3.14), grouped by the fix that applies, best fix first.

A finding changes with the default when it bites under one of the two methods and not the other, or
when it bites under both for different reasons (a `Process` argument is inherited under fork and
pickled under forkserver). The changes that are not about pickling (a mock active while a child
starts, descriptors, SIGCHLD, counting children) come from `linter/migrate_sites.py`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from mpguard.linter.analyze import AnalysisResult
from mpguard.linter.files import analyze_path
from mpguard.linter.migrate_sites import Site, forkserver_sites
from mpguard.linter.settings import Settings
from mpguard.rules import registry
from mpguard.rules.docs import base_error
from mpguard.semantic import errors
from mpguard.semantic.platforms import REIMPORTING, TargetSet, default_method
from mpguard.text.findings import Position

FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True)
class Fix:
    key: str
    title: str
    advice: str


# Ranked: the first fix that applies is the one to try. get_context("fork") is always the last resort.
FIXES = (
    Fix("module-level", "Move the callable to module level, or use functools.partial",
        "The child finds a function by its module and name: define it at module level, above the main guard, "
        "and bind its extra arguments with `functools.partial` instead of a closure or a lambda."),
    Fix("guard", "Guard the start-up code with `if __name__ == \"__main__\":`",
        "The forkserver imports the main module once when it starts, and every spawned child imports it again: "
        "code that starts processes or has side effects at import time must sit under the main guard."),
    Fix("state", "Pass the state explicitly: arguments, an initializer, the environment",
        "A child started by the forkserver sees the module as it is after import, not the parent's run-time "
        "state: pass values as arguments or through `Pool(initializer=..., initargs=...)`, send results back "
        "through a Queue or a Manager, create locks and queues from multiprocessing, and set `os.environ` "
        "before the first process starts (the forkserver keeps the environment it started with)."),
    Fix("thread", "Use a thread",
        "Work that needs objects which cannot cross a process boundary (an active mock, a socket's event loop, "
        "a generator, an SSL connection, an open file) can run in a `threading.Thread` or a "
        "`ThreadPoolExecutor` instead."),
    Fix("children", "Count and reap children through multiprocessing, not the OS",
        "Under forkserver the children are the server's, not this process's, and the server itself is a "
        "child: use the `Process` objects (`join()`, `sentinel`, `exitcode`) or "
        "`multiprocessing.active_children()`, not SIGCHLD handlers, `os.wait()` or a list of OS children."),
    Fix("fork", "Last resort: ask for fork explicitly",
        "`multiprocessing.get_context(\"fork\")` (or `set_start_method(\"fork\")` under the main guard) keeps "
        "the old behaviour, but fork is unsafe when the process has threads (3.12+ warns: `DeprecationWarning: "
        "This process (pid=N) is multi-threaded, use of fork() may lead to deadlocks in the child.`), does not "
        "exist on Windows and is documented as unsafe on macOS."),
    Fix("gone", "Nothing to do: the new default removes this hazard",
        "The code misbehaves under the old default and not under the new one (a fork-only hazard, when "
        "moving to forkserver); keep it in mind while the code must still run on the old version, and "
        "asking for the old start method explicitly brings it back."),
)
RANK = {fix.key: i for i, fix in enumerate(FIXES)}
BY_CODE = {"MP201": "module-level", "MP202": "module-level", "MP209": "module-level",
           "MP101": "guard", "MP102": "guard", "MP402": "guard",
           "MP301": "state", "MP302": "state", "MP303": "state", "MP304": "state", "MP204": "state",
           "MP206": "state", "MP207": "state", "MP208": "state"}
# Arguments that can be made in (or sent to) the child; anything else unpicklable asks for a thread.
RECREATABLE = ("lock", "queue.Queue", "open file", "sqlite3", "Lock", "Event", "Condition", "Semaphore")


@dataclass(frozen=True)
class Change:
    filename: str
    code: str
    message: str
    start: Position
    end: Position
    before: str
    after: str
    fix: str  # a key of FIXES


def _version(text) -> tuple[int, int]:
    major, _, minor = str(text).partition(".")
    return int(major), int(minor.split(".")[0])


def changes_in(filename: str, result: AnalysisResult, platform: str, old, new) -> list[Change]:
    """What changes in one analysed file between Python `old` and `new` on `platform`."""
    old, new = _version(old), _version(new)
    before_method, after_method = default_method(platform, old), default_method(platform, new)
    if before_method == after_method or not result.parsed:
        return []
    out = []
    for finding in result.findings:
        rule = registry.get(finding.code)
        if rule is None:
            continue
        was, now = _under(finding, before_method, old), _under(finding, after_method, new)
        if was == now and not (was and _pickled_only_by(finding, after_method, before_method)):
            continue
        out.append(Change(
            filename, finding.code, _worded(finding.message, finding.error, new), finding.start, finding.end,
            _outcome(rule, finding, platform, old, before_method, was),
            _outcome(rule, finding, platform, new, after_method, now),
            "gone" if was and not now else _fix_for(finding)))
    source = result.source.text if result.source is not None else ""
    if before_method == "fork" and after_method in REIMPORTING:
        seen = {c.start.row for c in out}  # a site a rule already explains is not listed twice
        out += [_site_change(filename, site, old, new, before_method, after_method)
                for site in forkserver_sites(source, filename) if site.start.row not in seen]
    return out


def _under(finding, method: str, version) -> bool:
    """Does the finding bite under `method` on `version`: one of its start methods, or a later one from its
    version on (state made at import, shared by 3.14's forkserver children)."""
    return method in finding.start_methods or any(m == method and version >= since
                                                  for m, since in finding.later_methods)


def _pickled_only_by(finding, method: str, other: str) -> bool:
    """Bites under both for different reasons: a thread queue.Queue handed to a Process is filled by
    the forked child alone (the parent waits forever), and refused by pickle under spawn and forkserver.
    (A Process with an explicit context bites under every default the same way: not a change.)"""
    return other == "fork" and method in REIMPORTING and finding.code == "MP203" \
        and finding.message.startswith("Process ") and "queue.Queue" in finding.message


def _worded(message: str, error, version) -> str:
    if error and str(error) in message:
        return message.replace(str(error), str(errors.render(error, version)))
    return message


def _outcome(rule, finding, platform: str, version, method: str, fails: bool) -> str:
    where = f"Python {version[0]}.{version[1]}, {method}"
    if not fails:
        return f"{where}: works"
    error = errors.render(base_error(rule, finding, platform, method), version)
    return f"{where}: {error}" if error else f"{where}: {rule.summary.lower()}"


def _fix_for(finding) -> str:
    if finding.code in BY_CODE:
        return BY_CODE[finding.code]
    if finding.code == "MP203":
        return "state" if any(word in finding.message for word in RECREATABLE) else "thread"
    return "fork"


def _site_change(filename: str, site: Site, old, new, before_method: str, after_method: str) -> Change:
    return Change(filename, site.code, site.message, site.start, site.end,
                  f"Python {old[0]}.{old[1]}, {before_method}: {site.before}",
                  f"Python {new[0]}.{new[1]}, {after_method}: {site.after}", site.fix)


def migration_settings(settings: Settings, platform: str, old, new) -> Settings:
    """The user's rules, aimed at one platform and the two versions."""
    low, high = sorted((_version(old), _version(new)))
    return replace(settings, targets=TargetSet(frozenset({platform}), low, high))


def migrate_paths(jobs, platform: str, old, new) -> list[Change]:
    """`jobs`: (path, settings, project root) as the CLI resolves them."""
    out = []
    for path, settings, root in jobs:
        result = analyze_path(Path(path), migration_settings(settings, platform, old, new), root)
        out += changes_in(str(path), result, platform, old, new)
    return ranked(out)


def ranked(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (RANK[c.fix], c.filename, c.start, c.code))


def as_items(changes: list[Change]) -> list[dict]:
    return [{"filename": c.filename, "code": c.code, "message": c.message,
             "location": {"row": c.start.row, "column": c.start.column + 1},
             "end_location": {"row": c.end.row, "column": c.end.column + 1},
             "before": c.before, "after": c.after, "fix": c.fix} for c in changes]


def render(fmt: str, changes: list[Change], old, new, platform: str) -> str:
    if fmt == "json":
        return json.dumps(as_items(changes), indent=2)
    groups = [(fix, [c for c in changes if c.fix == fix.key]) for fix in FIXES]
    groups = [(fix, items) for fix, items in groups if items]
    head = f"Moving from Python {old} to {new} on {platform}"
    if not changes:
        return f"{head}: nothing changes."
    if fmt == "markdown":
        return _markdown(head, groups, changes)
    lines = [f"{head}: {len(changes)} site{'s' if len(changes) != 1 else ''} change{'' if len(changes) != 1 else 's'}."]
    for rank, (fix, items) in enumerate(groups, 1):
        lines += ["", f"{rank}. {fix.title} ({len(items)})", f"   {fix.advice}"]
        for c in items:
            lines += [f"   {c.filename}:{c.start.row}:{c.start.column + 1}: {c.code} {c.message}",
                      f"      before: {c.before}", f"      after:  {c.after}"]
    if _needs_last_resort(groups):
        lines += ["", f"Last resort for any of these: {FIXES[RANK['fork']].advice}"]
    return "\n".join(lines)


def _markdown(head: str, groups, changes) -> str:
    lines = [f"## {head}", "", f"{len(changes)} site(s) behave differently under the new default start method.", ""]
    for fix, items in groups:
        lines += [f"### {fix.title}", "", fix.advice, "", "| Where | Rule | Before | After |", "|---|---|---|---|"]
        for c in items:
            lines.append(f"| `{c.filename}:{c.start.row}` | {c.code} | {_cell(c.before)} | {_cell(c.after)} |")
        lines += ["", "<details><summary>Messages</summary>", ""]
        lines += [f"- `{c.filename}:{c.start.row}`: {_cell(c.message)}" for c in items]
        lines += ["", "</details>", ""]
    if _needs_last_resort(groups):
        lines += ["### Last resort", "", FIXES[RANK["fork"]].advice, ""]
    return "\n".join(lines).rstrip() + "\n"


def _needs_last_resort(groups) -> bool:
    """get_context("fork") is worth a line when something breaks and no group already says it."""
    keys = {fix.key for fix, _ in groups}
    return "fork" not in keys and bool(keys - {"gone"})


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")

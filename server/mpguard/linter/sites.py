"""A finding reported at its site in another file of the run (issue 12).

Some findings are made at a call in one module while the hazard happens in another module of the project:
the task's `raise` (MP208), the line of a helper that hands a parameter to a child process (MP201, MP202...),
the nested pool a Pool task creates (MP413). The rule names that line as a related location marked `site`
(`text.findings.RelatedFile.site`). When `mpguard check` analyses that module too, the finding belongs
there: it is moved to the site, and the call it was made at becomes a related location ("reached from
`main.py` line 20"). Several callers reaching the same site give one finding, with their related locations
and their start methods, platforms and errors merged. When the site's file is not in the run the finding
stays where it was made.

Why a step after every file, on the findings as rendered (the dicts the JSON formats print and the cache
keeps): a file's own findings do not depend on which other files are in the run, so the cache keeps them as
they are and this step, a pure function of the run's findings, its files and the site lines' text, gives
the same output from the cache, with --no-cache, and with any number of worker processes.

What is lost in the move: a finding's fix edits the file it was made in, so the moved copy has no fix
(`mpguard check --fix` still applies it: it fixes each file from its own findings). Suppression: a
`# noqa` on the caller's line silences the finding there before it could move (that caller no longer
reaches the site); one on the site's line silences the moved finding, whichever caller reached it.
The language server analyses one document and keeps the finding at the call (docs/architecture.md).
"""
from __future__ import annotations

import os

from mpguard.linter.noqa import NOQA, silences
from mpguard.text.reading import read_regular
from mpguard.text.findings import MADE_HERE, SENT_BACK
from mpguard.text.source import SourceText, decode_source

SITE = "site"  # the key that marks a related location as the place where the hazard happens


def site_of(item: dict) -> dict | None:
    """The related location of `item` where its hazard happens, in another file; None when it has none."""
    for related in item.get("related") or ():
        if related.get(SITE) and related.get("filename"):
            return related
    return None


def _key(path) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


class Relocation:
    """Over one run: `keep(path, items)` for each file in order hands back the findings that stay in it and
    holds those whose site is another file of the run; `moved()` then gives those, one per site."""

    def __init__(self, run_paths):
        self._run = {}  # real path -> the path as the run names it
        self._order = {}  # real path -> its place in the run
        for path in run_paths:
            self._run.setdefault(_key(path), str(path))
            self._order.setdefault(_key(path), len(self._order))
        self._held: dict[tuple, dict] = {}  # (site file, code, row, column, end column) -> the moved finding
        self._own: dict[tuple, dict] = {}  # (file, code, row) -> a finding the file reports itself
        self._texts: dict[str, SourceText | None] = {}

    def keep(self, path, items: list) -> list:
        out, silenced = [], set()
        for item in items:
            held = self._hold(str(path), item)
            if held is SILENCED:
                silenced.add((item["code"], item["location"]["row"]))
            if not held:
                out.append(item)
        # a copy at the pool call that runs the task (or at a later start()) goes with the finding it copies when that
        # one is silenced
        out = [item for item in out if not any((item["code"], r["location"]["row"]) in silenced
                                               for r in item.get("related") or ()
                                               if r.get("message") in (SENT_BACK, MADE_HERE))]
        for item in out:
            self._own.setdefault((_key(path), item["code"], item["location"]["row"]), item)
        return out

    def moved(self) -> list[dict]:
        """The moved findings, in the run's order of their files, then by row; one the site's file reports
        itself at the same row with the same code absorbs the moved one's related locations instead."""
        out = []
        for (site, code, row, _col, _end), item in self._held.items():
            own = self._own.get((site, code, row))
            if own is not None:
                _merge(own, item)
                continue
            out.append(item)
        return sorted(out, key=lambda i: (self._order[_key(i["filename"])], i["location"]["row"],
                                          i["location"]["column"], i["code"]))

    def in_run_order(self, items: list) -> list:
        """`items` grouped by their file in the run's order (stable: within a file, as they came)."""
        return sorted(items, key=lambda i: self._order.get(_key(i["filename"]), len(self._order)))

    # ---- moving one finding ----------------------------------------------------------------
    def _hold(self, caller: str, item: dict):
        """Whether `item` moves to its site in another file of the run (then it is held, merged, or
        silenced by a `# noqa` on the site's line: SILENCED, which is true too)."""
        site = site_of(item)
        if site is None or "cell" in item:
            return False  # (a notebook's rows count within a cell: left where they are)
        target = _key(site["filename"])
        if target not in self._run or target == _key(caller) or target.endswith(".ipynb"):
            return False
        row = site["location"]["row"]
        span = self._span(target, row, item["code"])
        if span is None:
            return False  # the site's line is not there (the file changed meanwhile): left at the call
        if span is SILENCED:
            return SILENCED
        column, end = span
        moved = _moved_copy(caller, item, site, self._run[target], row, column, end)
        key = (target, item["code"], row, column, end)
        if key in self._held:
            _merge(self._held[key], moved)
        else:
            self._held[key] = moved
        return True

    def _span(self, target: str, row: int, code: str):
        """(first column, end column) of the site's statement text on its row (0-based), SILENCED when a
        `# noqa` there silences `code`, None when the row is not in the file."""
        if target not in self._texts:
            try:
                self._texts[target] = SourceText(decode_source(read_regular(target)))
            except Exception:  # noqa: BLE001  (unreadable a moment after it was analysed: nothing is moved there)
                self._texts[target] = None
        text = self._texts[target]
        if text is None or not 1 <= row <= text.row_count:
            return None
        line = text.line_text(row)
        end = len(line)
        if "#" in line:
            for match in NOQA.finditer(line):
                if silences(match, code):
                    return SILENCED
                end = min(end, match.start())
        stripped = line[:end].rstrip()
        column = len(stripped) - len(stripped.lstrip())
        if not stripped.strip():
            return None
        return column, len(stripped)


SILENCED = object()


def _moved_copy(caller: str, item: dict, site: dict, target: str, row: int, column: int, end: int) -> dict:
    start = item["location"]
    related = [dict(r, filename=r.get("filename") or caller) for r in item.get("related") or () if r is not site]
    related.append({"filename": caller, "location": dict(start),
                    "message": f"reached from `{os.path.basename(caller)}` line {start['row']}"})
    moved = dict(item)
    moved.update({
        "filename": target,
        "location": {"row": row, "column": column + 1},
        "end_location": {"row": row, "column": end + 1},
        "fix": None,  # its edits are in the caller's file; `--fix` still applies them there
        "related": related,
    })
    return moved


def _merge(into: dict, other: dict) -> None:
    """Another caller reaches the same site: one finding, with both callers' related locations and the
    union of their start methods, platforms and errors."""
    into["start_methods"] = sorted(set(into.get("start_methods") or ()) | set(other.get("start_methods") or ()))
    for field in ("platforms", "errors", "related"):
        mine = into.setdefault(field, [])
        if not isinstance(mine, list):
            continue
        into[field] = mine = list(mine)
        for entry in other.get(field) or ():
            if entry not in mine:
                mine.append(entry)

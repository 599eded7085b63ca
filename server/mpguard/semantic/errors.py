"""The error texts Python prints, per version: data in `data/errors/<version>.json`, rendered here.

A finding's error is made once, in 3.11's wording (`text(key, **params)`), and carries its key and the
program's names (`ErrorText`). `render(error, version)` gives the words another version prints:
the table of that version, the same names. A plain string (a rule's generic text, an error from an
older summary) is recognised by matching the tables' templates, and only the matched part is reworded.
scripts/probe_errors.py makes an interpreter print every entry; tests/test_error_tables.py checks the
running interpreter's table against it.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).with_name("data") / "errors"
BASE = (3, 11)  # the wording findings are made in (and what mpguard quoted before the tables)
PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")
SHAPES = {"qualname": r"[\w.<>]+", "module": r"[\w.]+", "name": r"\w+", "kind": r"\w+"}


class ErrorText(str):
    """An error in one version's words that remembers which table entry, with which names, it is."""

    key: str
    params: dict

    def __new__(cls, value: str, key: str, params: dict):
        self = super().__new__(cls, value)
        self.key, self.params = key, dict(params)
        return self

    def __reduce__(self):  # findings cross process boundaries (`mpguard check --jobs`)
        return ErrorText, (str(self), self.key, self.params)


class OnVersions(str):
    """An error Python raises on some versions only: pickle refuses `Path.iterdir()`'s generator on
    3.10-3.12 and 3.14, while 3.13's map over a list pickles. `versions` holds the (major, minor) of each
    targeted version that raises it; a finding made with it bites on those alone."""

    versions: frozenset

    def __new__(cls, value: str, versions):
        self = super().__new__(cls, value)
        self.versions = frozenset(versions)
        return self

    def __reduce__(self):
        return OnVersions, (str(self), tuple(sorted(self.versions)))


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split("."))


@lru_cache(maxsize=None)
def tables() -> dict[tuple[int, ...], dict[str, str]]:
    """Every table, keyed by the version it starts at: (3, 12) and (3, 12, 5) are both there."""
    out = {}
    for path in FOLDER.glob("*.json"):
        out[_version_key(path.stem)] = json.loads(path.read_text(encoding="utf-8"))["errors"]
    return dict(sorted(out.items()))


def versions() -> list[tuple[int, ...]]:
    return list(tables())


def table(version) -> dict[str, str]:
    """The table for `version`: (3, 12) means the newest 3.12 we know; (3, 12, 1) a given release."""
    version = tuple(version)
    known = tables()
    if len(version) == 2:
        candidates = [v for v in known if v[:2] <= version]
    else:
        candidates = [v for v in known if v <= version]
    return known[max(candidates)] if candidates else known[min(known)]


def text(key: str, **params) -> ErrorText:
    """The error `key` in the base wording (3.11), remembering key and names."""
    return ErrorText(table(BASE)[key].format(**params), key, params)


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[str, re.Pattern]]:
    """A regular expression per (key, template) of every table, base table first."""
    out, seen = [], set()
    ordered = [table(BASE)] + list(tables().values())
    for entries in ordered:
        for key, template in entries.items():
            if template in seen:
                continue
            seen.add(template)
            named: set[str] = set()

            def group(match, named=named):
                name = match.group(1)
                if name in named:  # the same name twice (a lambda's qualname): the same text twice
                    return f"(?P={name})"
                named.add(name)
                return f"(?P<{name}>{SHAPES.get(name, '.+?')})"

            body = PLACEHOLDER.sub(group, re.escape(template))
            out.append((key, re.compile(body.replace(re.escape("0x..."), r"0x(?:\.\.\.|[0-9a-fA-F]+)"))))
    return out


def identify(error: str) -> tuple[str, dict, tuple[int, int]] | None:
    """(key, names, span of the match) of the first table entry found in `error`."""
    if isinstance(error, ErrorText):
        return error.key, error.params, (0, len(error))
    for key, pattern in _patterns():
        match = pattern.search(error)
        if match:
            return key, match.groupdict(), match.span()
    return None


def render(error: str | None, version) -> str | None:
    """`error` in the words of Python `version`; what no table knows is left as it is."""
    if not error:
        return error
    target = table(version)
    if isinstance(error, ErrorText):
        words = _words(target, error.key, _for_version(error.params, version))
        return error if words is None else ErrorText(words, error.key, error.params)
    for key, pattern in _patterns():  # a plain text may quote several errors ("... or ...")
        error = pattern.sub(lambda m, key=key: _words(target, key, _for_version(m.groupdict(), version))
                            or m.group(0), error)
    return error


INLINED = re.compile(r"<(?:list|dict|set)comp>\.")


def _for_version(params: dict, version) -> dict:
    """Names as that version spells them: 3.12 inlined list, dict and set comprehensions (PEP 709), so
    a lambda made in one is `main.<locals>.<lambda>` there, `main.<locals>.<listcomp>.<lambda>` before."""
    qualname = params.get("qualname")
    if qualname and tuple(version)[:2] >= (3, 12) and INLINED.search(qualname):
        return {**params, "qualname": INLINED.sub("", qualname)}
    return params


def _words(target: dict, key: str, params: dict) -> str | None:
    template = target.get(key)
    if template is None:
        return None
    params = dict(params)
    if key in ("local_class", "lambda", "unfindable_class"):
        params.setdefault("module", "__main__")
    if key == "lambda":
        params.setdefault("qualname", "<lambda>")
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return None


def running_version() -> tuple[int, int, int]:
    return tuple(sys.version_info[:3])


def quote_version(min_version, max_version, running=None) -> tuple[int, ...]:
    """Whose words a message quotes: the interpreter mpguard runs on (its exact release: 3.12.1 and
    3.12.5 differ), or the nearest end of the targeted range (`--python-version 3.14` quotes 3.14
    whatever runs mpguard)."""
    running = tuple(running or running_version())
    if tuple(min_version) <= running[:2] <= tuple(max_version):
        return running
    return tuple(min_version) if running[:2] < tuple(min_version) else tuple(max_version)


def worded(finding, version):
    """The finding with its error, and the error quoted in its message, in `version`'s words. A finding
    that carries no error of its own has the errors its message quotes reworded where recognised."""
    error = finding.error
    if not error:
        message = render(finding.message, version)
        return finding if message == finding.message else replace(finding, message=message)
    words = render(error, version)
    if words == error:
        return finding
    message = finding.message.replace(str(error), str(words)) if str(error) in finding.message else finding.message
    return replace(finding, message=message, error=words)

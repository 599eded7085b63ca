"""Which standard-library objects pickle, as Python itself answered: `data/pickle_catalog.json`,
written by `scripts/probe_pickle.py` on every supported interpreter (tests/test_pickle_catalog.py
checks it against the running one). This module reads it; no list of types is written by hand here.

multiprocessing sends objects with its ForkingPickler (which, unlike plain pickle, hands sockets and
file descriptors over): that serializer's answer is the one used."""
from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "pickle_catalog.json"
SERIALIZER = "forkingpickler"
# Judged elsewhere, with more context: multiprocessing's own objects (rules know when they may cross),
# callables (pickled by name), generators (the walker makes them), `open` (its mode decides).
SKIPPED_KINDS = {"mp-sync", "mp-shared", "mp-pipe", "mp-manager", "mp-pool", "callable", "descriptor", "generator",
                 "module", "value", "iterator"}
DOTTED = re.compile(r"[A-Za-z_][\w.]*$")


@lru_cache(maxsize=1)
def _objects() -> dict:
    try:
        return json.loads(DATA.read_text(encoding="utf-8")).get("objects", {})
    except (OSError, ValueError):
        return {}


def _row(entry: dict) -> dict | None:
    """The entry's measurements for the running Python, else the nearest version measured."""
    versions = entry.get("versions", {})
    if not versions:
        return None
    running = (sys.version_info[0], sys.version_info[1])
    measured = sorted((tuple(int(p) for p in v.split(".")), v) for v in versions)
    older = [v for key, v in measured if key <= running]
    return versions[older[-1] if older else measured[0][1]]


def _label(entry: dict, row: dict, key: str) -> str:
    shown = row.get("type") or key.split(":")[0]
    return f"{shown.lstrip('_')} object"


@lru_cache(maxsize=1)
def refused_by_factory() -> dict[str, tuple[str, str]]:
    """Qualified factory or class name -> (what it makes, the error multiprocessing raises sending it)."""
    out: dict[str, tuple[str, str]] = {}
    for key, entry in sorted(_objects().items()):
        if entry.get("kind") in SKIPPED_KINDS or entry.get("kind") == "exception":
            continue
        row = _row(entry)
        result = (row or {}).get(SERIALIZER) or {}
        if result.get("ok", True):
            continue
        for factory in entry.get("factories", ()):
            if DOTTED.match(factory) and factory not in ("open", "io.open") and factory not in out:
                out[factory] = (_label(entry, row, key), result.get("error", ""))
    return out


@lru_cache(maxsize=1)
def unrebuildable_exceptions() -> dict[str, str]:
    """Qualified exception class -> the error its copy raises when the parent unpickles it."""
    out: dict[str, str] = {}
    for key, entry in sorted(_objects().items()):
        if entry.get("kind") != "exception":
            continue
        result = (_row(entry) or {}).get(SERIALIZER) or {}
        if result.get("ok") and result.get("roundtrip") is False:
            for factory in entry.get("factories", ()):
                out[factory] = result.get("roundtrip_error", "")
    return out


def refused(qualified: str | None) -> tuple[str, str] | None:
    return refused_by_factory().get(qualified) if qualified else None


PSEUDO = re.compile(r"<(\w+)>\.(\w+)$")  # "<Pattern>.match": a method of an object the catalog knows


@lru_cache(maxsize=1)
def _types() -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]]]:
    """(qualified factory -> the short type name of what it makes, for objects that pickle;
    (short type name, method) -> (what, error) for methods that make objects pickle refuses)."""
    makes: dict[str, str] = {}
    values: dict[str, str] = {}  # plain values (pathlib.Path): kept only if a method of theirs is refused
    methods: dict[tuple[str, str], tuple[str, str]] = {}
    for key, entry in sorted(_objects().items()):
        kind = entry.get("kind")
        if (kind in SKIPPED_KINDS and kind != "value") or kind == "exception":
            continue
        row = _row(entry) or {}
        result = row.get(SERIALIZER) or {}
        for factory in entry.get("factories", ()):
            pseudo = PSEUDO.match(factory)
            if pseudo and not result.get("ok", True) and kind != "value":
                methods.setdefault((pseudo.group(1), pseudo.group(2)), (_label(entry, row, key), result.get("error", "")))
            elif not pseudo and DOTTED.match(factory) and result.get("ok") and factory not in ("open", "io.open"):
                (values if kind == "value" else makes).setdefault(factory, (row.get("type") or key).rsplit(".", 1)[-1])
    refusing = {type_name for type_name, _method in methods}
    for factory, type_name in values.items():
        if type_name in refusing:  # `Path(root)`: its .iterdir() makes a generator (up to 3.12)
            makes.setdefault(factory, type_name)
    return makes, methods


def made_type(qualified: str | None) -> str | None:
    """The short type name of the (picklable) object a standard-library factory makes: "Pattern"."""
    return _types()[0].get(qualified) if qualified else None


def refused_method(type_name: str, method: str) -> tuple[str, str] | None:
    """A method of such an object that makes one pickle refuses: ("Pattern", "search") -> re.Match."""
    return _types()[1].get((type_name, method))


@lru_cache(maxsize=1)
def verdicts_by_error() -> dict[str, dict[str, list[tuple[bool, str]]]]:
    """The error multiprocessing's pickler raises -> serializer -> [(accepted, its error)] of every
    object that raises it: how cloudpickle and dill judge what pickle refuses (a library whose tasks
    cross with dill accepts a thread lock; no serializer accepts a generator)."""
    out: dict[str, dict[str, list[tuple[bool, str]]]] = {}
    for _key, entry in sorted(_objects().items()):
        row = _row(entry) or {}
        for name in (SERIALIZER, "pickle"):
            result = row.get(name) or {}
            if result.get("ok", True):
                continue
            by_serializer = out.setdefault(result.get("error", ""), {})
            for other in ("cloudpickle", "dill"):
                judged = row.get(other)
                if judged:
                    pair = (bool(judged.get("ok")), judged.get("error", ""))
                    if pair not in by_serializer.setdefault(other, []):
                        by_serializer[other].append(pair)
            break
    return out

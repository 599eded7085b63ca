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

from mpguard.semantic.errors import OnVersions
from mpguard.semantic.platforms import MAX_VERSION, MIN_VERSION

DATA = Path(__file__).with_name("data") / "pickle_catalog.json"
SERIALIZER = "forkingpickler"
# Judged elsewhere, with more context: multiprocessing's own objects (rules know when they may cross),
# callables (pickled by name), generators (the walker makes them), `open` (its mode decides). A module object
# counts by the calls that make one (`types.ModuleType(name)`, `importlib.import_module(name)`); a name an
# `import` statement bound is judged by the walker's value of it (refused_module).
SKIPPED_KINDS = {"mp-sync", "mp-shared", "mp-pipe", "mp-manager", "mp-pool", "callable", "descriptor", "generator",
                 "value", "iterator"}
DOTTED = re.compile(r"[A-Za-z_][\w.]*$")


@lru_cache(maxsize=1)
def _objects() -> dict:
    try:
        return json.loads(DATA.read_text(encoding="utf-8")).get("objects", {})
    except (OSError, ValueError):
        return {}


def _row(entry: dict, version: tuple[int, int] | None = None) -> dict | None:
    """The entry's measurements for `version` (the running Python's by default), else the nearest older
    version measured, else the oldest."""
    versions = entry.get("versions", {})
    if not versions:
        return None
    wanted = version or (sys.version_info[0], sys.version_info[1])
    measured = sorted((tuple(int(p) for p in v.split(".")), v) for v in versions)
    older = [v for key, v in measured if key <= wanted]
    return versions[older[-1] if older else measured[0][1]]


TARGETABLE = [(3, minor) for minor in range(MIN_VERSION[1], MAX_VERSION[1] + 1)]


def _refusal(entry: dict) -> tuple[dict, str] | None:
    """(the row whose words a refusal quotes, the error) when the serializer refuses the object on some
    Python mpguard targets; the error is an `OnVersions` when it does on some of them only (the running
    Python's words when it refuses too, else the newest refusing version's)."""
    rows = {version: _row(entry, version) or {} for version in TARGETABLE}
    refusing = [v for v, row in rows.items() if not (row.get(SERIALIZER) or {}).get("ok", True)]
    if not refusing:
        return None
    running = (sys.version_info[0], sys.version_info[1])
    row = rows[running] if running in refusing else rows[refusing[-1]]
    error = (row.get(SERIALIZER) or {}).get("error", "")
    return row, (error if len(refusing) == len(rows) else OnVersions(error, refusing))


def _label(entry: dict, row: dict, key: str, error: str = "") -> str:
    shown = row.get("type") or key.split(":")[0]
    versions = getattr(error, "versions", None)
    return f"{shown.lstrip('_')} object" + (f" ({_where(versions)})" if versions else "")


def _where(versions) -> str:
    """"on Python 3.12 and newer", "except on Python 3.13": the versions, or the fewer ones they leave out."""
    versions = sorted(set(versions))
    left_out = [v for v in TARGETABLE if v not in versions]
    if left_out and len(left_out) < len(versions):
        return "except on Python " + _runs(left_out)
    return "on Python " + _runs(versions)


def _runs(versions) -> str:
    runs: list[list[tuple[int, int]]] = []
    for version in versions:
        if runs and version == (runs[-1][-1][0], runs[-1][-1][1] + 1):
            runs[-1].append(version)
        else:
            runs.append([version])
    words = []
    for run in runs:
        first, last = "%d.%d" % run[0], "%d.%d" % run[-1]
        if run[0] == TARGETABLE[0] and run[-1] != TARGETABLE[-1]:
            words.append(f"up to {last}")
        elif run[-1] == TARGETABLE[-1] and run[0] != TARGETABLE[0]:
            words.append(f"{first} and newer")
        else:
            words.append(first if first == last else f"{first}-{last}")
    return ", ".join(words)


@lru_cache(maxsize=1)
def refused_by_factory() -> dict[str, tuple[str, str]]:
    """Qualified factory or class name -> (what it makes, the error multiprocessing raises sending it)."""
    out: dict[str, tuple[str, str]] = {}
    for key, entry in sorted(_objects().items()):
        kind = entry.get("kind")
        # (a plain value refused whatever it holds counts: a memoryview, a hashlib object; a variant that depends
        # on what it is given, `collections.defaultdict:lambda`, does not: the walker judges its contents)
        if (kind in SKIPPED_KINDS and not (kind == "value" and ":" not in key)) or kind == "exception":
            continue
        found = _refusal(entry)
        if found is None:
            continue
        row, error = found
        for factory in entry.get("factories", ()):
            # (`import`, the statement that binds a module, is no call)
            if DOTTED.match(factory) and factory not in ("open", "io.open", "import") and factory not in out:
                out[factory] = (_label(entry, row, key, error), error)
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


@lru_cache(maxsize=1)
def refused_exceptions() -> dict[str, str]:
    """Qualified exception class (or a base a handler names it by) -> the error multiprocessing raises pickling
    one, for the library exceptions the catalog saw refused (lxml's, holding their error log)."""
    out: dict[str, str] = {}
    for _key, entry in sorted(_objects().items()):
        if entry.get("kind") != "exception":
            continue
        found = _refusal(entry)
        if found is not None:
            for factory in entry.get("factories", ()):
                out.setdefault(factory, found[1])
    return out


@lru_cache(maxsize=1)
def exception_raisers() -> dict[str, tuple[str, str, tuple, bool]]:
    """Library call (`xml.sax.parse`; a method as `httpx.<Response>.raise_for_status`) -> (the exception class it
    raises on bad input, the error that exception meets crossing a process boundary, the names of its class and
    bases, whether pickle refuses it in the sender: else the receiver cannot rebuild it), for the exception entries
    with a `raised_by` whose exception pickle refuses or cannot rebuild."""
    out: dict[str, tuple[str, str, tuple, bool]] = {}
    for key, entry in sorted(_objects().items()):
        if entry.get("kind") != "exception" or not entry.get("raised_by"):
            continue
        row = _row(entry) or {}
        result = row.get(SERIALIZER) or {}
        found = _refusal(entry)
        error = found[1] if found is not None else result.get("roundtrip_error") \
            if result.get("ok") and result.get("roundtrip") is False else None
        if error:
            for call in entry["raised_by"]:
                qualified = key.split(":")[0]  # (`urllib.error.HTTPError:urlopen`: the class, as urlopen makes it)
                out.setdefault(call, (qualified, error, tuple(row.get("bases") or (qualified.rpartition(".")[2],)),
                                      found is not None))
    return out


def exception_bases(qualified: str) -> tuple:
    """The names of the class and bases of a cataloged exception class (`qualified`, one of its entry's factories),
    as the probe read them (an entry with a `raised_by`), else ()."""
    for _key, _error, bases, _refused in exception_raisers().values():
        if _key == qualified or qualified in _objects().get(_key, {}).get("factories", ()):
            return bases
    return ()


def refused_type_error(key: str):
    """The error multiprocessing raises for the catalog's object `key` (`_io.BufferedReader`), else None."""
    entry = _objects().get(key)
    found = _refusal(entry) if entry is not None else None
    return found[1] if found is not None else None


def file_type(mode: str) -> str:
    """The io class `open()` makes for a mode: binary modes give a buffered object, text modes a TextIOWrapper."""
    if "b" not in mode:
        return "_io.TextIOWrapper"
    return "_io.BufferedRandom" if "+" in mode else "_io.BufferedReader" if "r" in mode else "_io.BufferedWriter"


@lru_cache(maxsize=1)
def refused_module() -> tuple[str, str] | None:
    """(what, error) for a module object (the catalog's entry made by `import`), when pickle refuses it."""
    for key, entry in sorted(_objects().items()):
        if "import" in entry.get("factories", ()):
            found = _refusal(entry)
            return (_label(entry, found[0], key, found[1]), found[1]) if found is not None else None
    return None


def refused(qualified: str | None) -> tuple[str, str] | None:
    return refused_by_factory().get(qualified) if qualified else None


@lru_cache(maxsize=1)
def _refused_held() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for key, entry in sorted(_objects().items()):
        found = _refusal(entry) if entry.get("held") else None
        if found is not None:
            for name in entry.get("factories", ()):
                out.setdefault(name, (_label(entry, found[0], key, found[1]), found[1]))
    return out


def refused_held(qualified: str | None) -> tuple[str, str] | None:
    """(what it is, the error) for a module attribute that holds an object pickle refuses (`sys.stdout`,
    named, not called: the catalog marks such entries `held`), else None."""
    return _refused_held().get(qualified) if qualified else None


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
        refusal = _refusal(entry) if kind != "value" else None
        for factory in entry.get("factories", ()):
            pseudo = PSEUDO.match(factory)
            if pseudo and refusal is not None:
                methods.setdefault((pseudo.group(1), pseudo.group(2)),
                                   (_label(entry, refusal[0], key, refusal[1]), refusal[1]))
            elif not pseudo and DOTTED.match(factory) and result.get("ok") and factory not in ("open", "io.open"):
                (values if kind == "value" else makes).setdefault(factory, (row.get("type") or key).rsplit(".", 1)[-1])
    refusing = {type_name for type_name, _method in methods}
    for factory, type_name in values.items():
        if type_name in refusing:  # `Path(root)`: its .iterdir() makes a generator (up to 3.12)
            makes.setdefault(factory, type_name)
    return makes, methods


@lru_cache(maxsize=1)
def _refused_types() -> dict[str, str]:
    """Qualified factory of an object pickle refuses -> its type's short name, for the types whose
    methods the catalog knows (`sqlite3.connect` -> "Connection": its `.cursor()` makes a Cursor)."""
    with_methods = {type_name for type_name, _method in _types()[1]}
    out: dict[str, str] = {}
    for key, entry in sorted(_objects().items()):
        short = key.rsplit(".", 1)[-1]
        if short in with_methods and _refusal(entry) is not None:
            for factory in entry.get("factories", ()):
                if DOTTED.match(factory) or PSEUDO.match(factory):
                    out.setdefault(factory, short)
    return out


def refused_type(qualified: str | None) -> str | None:
    """The short type name of an object pickle refuses whose methods make other such objects; a method
    is named `<Type>.method` (`<MongoClient>.__getitem__` -> "Database", whose subscript makes a Collection)."""
    return _refused_types().get(qualified) if qualified else None


def made_type(qualified: str | None) -> str | None:
    """The short type name of the (picklable) object a standard-library factory makes: "Pattern"."""
    return _types()[0].get(qualified) if qualified else None


@lru_cache(maxsize=1)
def _refused_items() -> dict[str, tuple[str, str]]:
    """Factory (`re.finditer`, `<Pattern>.finditer`) -> (what, error) of the items iterating what it makes
    gives, when pickle refuses them too (an entry's `items` names the entry of its items: re.Match)."""
    objects = _objects()
    out: dict[str, tuple[str, str]] = {}
    for _key, entry in sorted(objects.items()):
        item_key = entry.get("items")
        item = objects.get(item_key) if item_key else None
        found = _refusal(item) if item is not None else None
        if found is not None:
            for name in entry.get("factories", ()):
                out.setdefault(name, (_label(item, found[0], item_key, found[1]), found[1]))
    return out


def refused_items(factory: str) -> tuple[str, str] | None:
    """What iterating the object `factory` makes gives, when pickle refuses it: ("re.finditer") -> re.Match;
    a method is named `<Type>.method` (`<Pattern>.finditer`)."""
    return _refused_items().get(factory)


def refused_method(type_name: str, method: str) -> tuple[str, str] | None:
    """A method of such an object that makes one pickle refuses: ("Pattern", "search") -> re.Match."""
    return _types()[1].get((type_name, method))


@lru_cache(maxsize=1)
def _method_types() -> dict[tuple[str, str], str]:
    """(short type name, method) -> the short type name of what the method makes, when that object's own methods
    are in the catalog too and its short name is no other entry's (`client["app"]` is a pymongo Database, whose
    `["users"]` is a Collection; a SQLAlchemy Connection is not a sqlite3 one: no type)."""
    with_methods = {type_name for type_name, _method in _types()[1]}
    shorts: dict[str, int] = {}
    for key in {key.split(":")[0] for key in _objects()}:  # (`Type:variant` entries are the same type)
        short = key.rsplit(".", 1)[-1]
        shorts[short] = shorts.get(short, 0) + 1
    out: dict[tuple[str, str], str] = {}
    for key, entry in sorted(_objects().items()):
        short = key.split(":")[0].rsplit(".", 1)[-1]
        if short not in with_methods or shorts[short] != 1:
            continue
        for factory in entry.get("factories", ()):
            pseudo = PSEUDO.match(factory)
            if pseudo:
                out.setdefault((pseudo.group(1), pseudo.group(2)), short)
    return out


@lru_cache(maxsize=1)
def _attribute_names() -> dict[str, frozenset]:
    """Short type name -> the public attribute names the probe saw on such an object (`attributes`)."""
    out: dict[str, frozenset] = {}
    for key, entry in sorted(_objects().items()):
        names = (_row(entry) or {}).get("attributes")
        if names is not None:
            out.setdefault(key.split(":")[0].rsplit(".", 1)[-1], frozenset(names))
    return out


def attribute_made(type_name: str, name: str) -> tuple[str, str, str | None] | None:
    """(what, error, its type) of what reading `name` of a cataloged object makes through its class's `__getattr__`
    (pymongo: `client.app` is a Database, `client.app.users` a Collection), when pickle refuses it. Only a public name
    the probe did not see on such an object (`client.address` is the client's own): else, or when the probe did not
    list the names, None."""
    known = _attribute_names().get(type_name)
    if known is None or name.startswith("_") or name in known:
        return None
    found = refused_method(type_name, "__getattr__")
    return (*found, method_type(type_name, "__getattr__")) if found is not None else None


def method_type(type_name: str, method: str) -> str | None:
    """The short type name of what a cataloged object's method makes, when the catalog knows that one's methods
    too (what chains: `client["app"]["users"]`), else None."""
    return _method_types().get((type_name, method))


def _handed_over() -> frozenset:
    """Errors pickle raises for objects multiprocessing's ForkingPickler accepts through its reducers (a socket)."""
    out = set()
    for entry in _objects().values():
        row = _row(entry) or {}
        plain, forking = row.get("pickle") or {}, row.get(SERIALIZER) or {}
        if not plain.get("ok", True) and forking.get("ok"):
            out.add(plain.get("error", ""))
    return frozenset(out)


@lru_cache(maxsize=1)
def verdicts_by_error() -> dict[str, dict[str, list[tuple[bool, str, str]]]]:
    """The error multiprocessing's pickler raises -> serializer -> [(accepted, its error, the object's type)] of
    every object that raises it: how cloudpickle and dill judge what pickle refuses (a library whose tasks
    cross with dill accepts a thread lock; no serializer accepts a generator). A copy the probe found
    unusable counts as refused, with what blocks (dill copies a SQLAlchemy Engine, whose copied pool lock
    is held for good: the worker's `connect()` waits forever)."""
    out: dict[str, dict[str, list[tuple[bool, str, str]]]] = {}
    handed_over = _handed_over()
    for key, entry in sorted(_objects().items()):
        row = _row(entry) or {}
        for name in (SERIALIZER, "pickle"):
            result = row.get(name) or {}
            if result.get("ok", True):
                continue
            by_serializer = out.setdefault(result.get("error", ""), {})
            for other in ("cloudpickle", "dill"):
                judged = row.get(other)
                if judged:
                    shown = (row.get("type") or key.split(":")[0]).lstrip("_")
                    pair = (bool(judged.get("ok")), judged.get("error", ""), shown)
                    if not pair[0] and other == "dill" and pair[1] in handed_over:
                        # dill's pools are multiprocess's, whose ForkingPickler (dill with multiprocessing's
                        # reducers) hands sockets over as the standard one does (an HTTPServer as Process args)
                        pair = (True, "", shown)
                    if pair[0] and judged.get("unusable") and entry.get("kind") != "lock":
                        # (a lock copied held blocks only the worker that takes it, which a copy of an object
                        # holding one need not do: only objects whose use takes it count, an Engine's connect())
                        pair = (False, f"{other} copies it, but {judged['unusable']}: the worker waits for good", shown)
                    if pair[0] and judged.get("roundtrip") is False:
                        # a copy the other side cannot load fails the task too (a jinja2 Template through loky:
                        # `Template.__new__() missing 1 required positional argument: 'source'` in the worker)
                        pair = (False, judged.get("roundtrip_error", ""), shown)
                    if pair not in by_serializer.setdefault(other, []):
                        by_serializer[other].append(pair)
            break
    return out

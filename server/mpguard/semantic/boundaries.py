"""Process boundaries of third-party libraries, as data: `data/boundaries.json` (docs/libraries.md).

An entry says which call of a library hands work to a child process, which of its arguments cross,
with which serializer, under which start method, and whether the child re-imports `__main__`. The
walker reads entries (semantic/library_calls.py); the rules judge what crosses with the entry's
serializer, whose verdicts come from the measured pickle catalog (`verdict`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mpguard.semantic.catalog_files import catalog_file
from mpguard.semantic.made_classes import refused_by_dill
from mpguard.semantic.pickle_catalog import verdicts_by_error
from mpguard.semantic.refusing_state import refused_by_own_method

# Problems of callables found by name: cloudpickle and dill copy such functions and classes by value.
BY_NAME_ONLY = {"lambda", "local", "guard", "unimported-main"}


@dataclass(frozen=True)
class Boundary:
    qualified: str
    library: str
    kind: str  # pool | call | parallel | cluster | scheduler | manager
    entry: dict

    def get(self, key, default=None):
        return self.entry.get(key, default)


def _data() -> dict:
    return catalog_file("boundaries.json")


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Boundary]:
    out = {}
    entries = _data().get("boundaries", {})
    for qualified, entry in entries.items():
        if isinstance(entry.get("like"), str):  # another entry's fields, with this one's on top
            entry = {**{k: v for k, v in entries.get(entry["like"], {}).items() if k != "names"}, **entry}
        boundary = Boundary(qualified, entry.get("library", qualified.split(".")[0]), entry.get("kind", ""), entry)
        for name in (qualified, *entry.get("names", ())):
            out[name] = boundary
    return out


def lookup(qualified: str | None) -> Boundary | None:
    return _by_name().get(qualified) if qualified else None


@lru_cache(maxsize=1)
def method_boundaries() -> dict[str, tuple[Boundary, ...]]:
    """Method name -> entries of kind "method": methods a library adds to objects the walker does not
    follow (pandarallel's `df.parallel_apply`, datasets' `ds.map(..., num_proc=4)`)."""
    out: dict[str, tuple[Boundary, ...]] = {}
    for boundary in {b.qualified: b for b in _by_name().values()}.values():
        if boundary.kind == "method":
            for name in boundary.get("methods", ()):
                out[name] = out.get(name, ()) + (boundary,)
    return out


@lru_cache(maxsize=1)
def delayed_makers() -> dict[str, Boundary]:
    """Name -> entry, for what makes a deferred task (`joblib.delayed(f)(x)`, `@dask.delayed`): the
    function and arguments cross when the entry's pool runs it."""
    return {name: b for b in _by_name().values() for name in b.get("delayed", ())}


def libraries() -> dict[str, dict]:
    """Library -> what the catalog says about it (serializer, start methods, re-import, source)."""
    return dict(_data().get("libraries", {}))


def aliases() -> dict[str, str]:
    """Names of drop-in copies of multiprocessing: `multiprocess` -> `multiprocessing`."""
    return dict(_data().get("aliases", {}))


@lru_cache(maxsize=1)
def library_packages() -> frozenset[str]:
    """Top-level packages of the cataloged libraries and of multiprocessing's drop-in copies."""
    names = {q.split(".")[0] for q in _by_name()} | {a.split(".")[0] for a in aliases()}
    return frozenset(names - {"multiprocessing"})


def section(key: str) -> dict:
    """One top-level part of the catalog, as data (`thread_starters`: semantic/threads.py)."""
    return dict(_data().get(key, {}))


@lru_cache(maxsize=1)
def proxy_call_objects() -> frozenset[str]:
    """The kinds of multiprocessing object whose every method call pickles its arguments to another process
    (a Manager proxy: `proxy_calls`)."""
    return frozenset(_data().get("proxy_calls", {}).get("objects", ()))


def default_method(package: str) -> tuple[str, dict] | None:
    """(Linux's method, the other platforms' methods) of a drop-in copy of multiprocessing that keeps its
    own default (billiard: fork on Linux at every version, spawn on macOS and Windows), else None."""
    entry = _data().get("default_methods", {}).get(package)
    return (entry["method"], dict(entry.get("elsewhere", {}))) if isinstance(entry, dict) else None


def daemon_children_allowed(package: str, kind: str) -> bool:
    """May a daemonic process start this package's `kind` of object (billiard's Pool and Process: yes)?"""
    entry = _data().get("daemon_children", {}).get(package)
    return isinstance(entry, dict) and kind in entry.get("kinds", ())


def workers() -> dict[str, dict]:
    """Libraries that run tasks in worker processes of their own (celery's prefork pool): name -> entry."""
    return {k: v for k, v in _data().get("workers", {}).items() if isinstance(v, dict)}


def preload() -> dict[str, dict]:
    """Servers that can import the application before forking workers (gunicorn's preload_app)."""
    return {k: v for k, v in _data().get("preload", {}).items() if isinstance(v, dict) and k != "not_fork_safe"}


def not_fork_safe() -> dict[str, str]:
    """Calls whose result forked workers must not share (a socket, a database client) -> what it is."""
    return dict(_data().get("preload", {}).get("not_fork_safe", {}))


@lru_cache(maxsize=1)
def child_run_methods() -> dict[str, frozenset]:
    """Qualified name of a `state_bases` class -> the methods its library calls on the unpickled copy in the
    child (torch's Dataset: `__getitem__`, `__iter__` in a DataLoader worker)."""
    out = {}
    for name, entry in _data().get("state_bases", {}).items():
        if isinstance(entry, dict) and entry.get("child_methods"):
            for qualified in (name, *entry.get("names", ())):
                out[qualified] = frozenset(entry["child_methods"])
    return out


@lru_cache(maxsize=1)
def dict_state_bases() -> frozenset[str]:
    """Qualified names of library base classes whose instances pickle their __dict__ (`state_bases`)."""
    out = set()
    for name, entry in _data().get("state_bases", {}).items():
        if isinstance(entry, dict):
            out |= {name, *entry.get("names", ())}
    return frozenset(out)


def thread_lookalikes() -> tuple[str, ...]:
    return tuple(_data().get("threads", ()))


@lru_cache(maxsize=1)
def library_tops() -> frozenset:
    """The top-level modules of the cataloged libraries (multiprocessing is the linter's own test; tqdm:
    only its contrib)."""
    tops = {q.split(".")[0] for q in _by_name()} | {a.split(".")[0] for a in aliases()}
    return frozenset(tops - {"multiprocessing", "tqdm"})


@lru_cache(maxsize=1)
def names_by_top() -> dict[str, tuple[str, ...]]:
    """Top-level module -> the names its cataloged boundaries are reached by (qualified names, and the
    method names of "method" entries, which the walker matches on any object of a module that imports
    the library). The linter's quick look uses them: `linter.reach`."""
    out: dict[str, tuple[str, ...]] = {}
    for name, boundary in _by_name().items():
        found = (name, *boundary.get("methods", ())) if boundary.kind == "method" else (name,)
        out[name.split(".")[0]] = out.get(name.split(".")[0], ()) + found
    for name in aliases():
        out[name.split(".")[0]] = out.get(name.split(".")[0], ()) + (name,)
    return out


@dataclass(frozen=True)
class Trigger:
    """When a module that imports a library can reach one of its cataloged boundaries: its text holds
    every part of one of `names` (all but the top: a qualified name built from an import has each of
    its parts in the text, `dask.base.compute`, `from joblib import Parallel as P`, and so has a method
    the walker matches on any object, `x.compute()`), and, when `also` is set, every part of one of
    those too (a dask scheduler runs processes only when a literal of `schedulers`, a
    `scheduler_functions` name or a collection computed on processes by default is written there)."""

    names: tuple
    also: tuple | None = None

    def met(self, words) -> bool:
        return any(words.issuperset(n) for n in self.names) and \
            (self.also is None or any(words.issuperset(a) for a in self.also))


def _parts(name: str) -> tuple:
    return tuple(name.split(".")[1:])


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple]:
    """Top-level module -> its `Trigger`s, for the linter's quick look (`linter.reach`). A `bag` runs
    nothing until it is computed (the scheduler entry's trigger); `contexts` and `delayed` only change a
    call named otherwise. Drop-in copies of multiprocessing (`aliases`) are not here: every API of the
    table is theirs."""
    entries = list({b.qualified: b for b in _by_name().values()}.values())
    out: dict[str, list] = {}
    for boundary in entries:
        if boundary.kind == "bag":
            continue
        also = None
        if boundary.kind == "scheduler":
            schedulers = [s for s in boundary.get("schedulers", ()) if isinstance(s, str)]
            also = tuple((s,) for s in schedulers if s.isidentifier()) \
                + tuple(_parts(f) for f in boundary.get("scheduler_functions", ())) \
                + tuple(_parts(n) for b in entries if b.kind == "bag" and b.get("default_scheduler") in schedulers
                        for n in (b.qualified, *b.get("names", ())))
            # a scheduler keyword not written as a literal (`scheduler=opts["scheduler"]`) may name processes in the
            # callers' arguments (library_calls._callers_choose): the keyword's own word counts too
            also += (("scheduler",),)
            if len(schedulers) != len([s for s in schedulers if s.isidentifier()]):
                also = None  # a scheduler the word test cannot see: any call counts
        methods = tuple((m,) for m in boundary.get("methods", ()))
        module = boundary.get("module") or boundary.qualified.split(".")[0]  # (the import a method needs)
        for name in (boundary.qualified, *boundary.get("names", ())):
            out.setdefault(name.split(".")[0], []).append(Trigger((_parts(name),), also))
        if methods:
            out.setdefault(module, []).append(Trigger(methods, also))
    return {top: tuple(found) for top, found in out.items()}


@lru_cache(maxsize=4)
def module_pattern(exempt: frozenset = frozenset()) -> re.Pattern:
    """A text test for the linter's quick look: does a module import a cataloged library (or subclass
    BaseManager)? Modules that do not are skipped, as those without multiprocessing are. `exempt`: tops
    the linter's own text test covers (concurrent: every boundary of it is named `...PoolExecutor`)."""
    imports = "|".join(sorted(re.escape(n) for n in library_tops() - exempt))
    # a server's setting that forks workers from a preloaded application (gunicorn.conf.py: preload_app)
    settings = "|".join(sorted(re.escape(s) for entry in preload().values() for s in entry.get("settings", ())))
    settings = rf"|\b(?:{settings})\b" if settings else ""
    return re.compile(rf"^[ \t]*(?:from|import)[ \t]+(?:{imports})\b|contrib\.concurrent|BaseManager|SyncManager{settings}",
                      re.M)


def module_literals(exempt: frozenset = frozenset()) -> tuple[str, ...]:
    """Words one of which every match of `module_pattern(exempt)` contains: a text with none of them is
    not searched (a substring test is ten times faster than the pattern, and most texts have none)."""
    settings = sorted(s for entry in preload().values() for s in entry.get("settings", ()))
    return (*sorted(library_tops() - exempt), "contrib.concurrent", "BaseManager", "SyncManager", *settings)


def verdict(serializer: str, kind: str, error: str, mode: str | None = None, what: str = "") -> str | None:
    """The error `serializer` raises for a value pickle refuses (a Problem's kind and error text; for an
    open file, `mode`, the mode it was opened with, when known), or None when it accepts the value or
    when the catalog does not say (precision first). When `what` names an object the catalog measured, its
    own answer counts (a SQLAlchemy Session, whose dill copy blocks, raises pickle's error of a weakref); else
    the value is refused when every object that raises its error is."""
    if serializer == "pickle" or not serializer:
        return error
    by_mode = _data().get("file_modes", {}).get(serializer)
    if mode is not None and isinstance(by_mode, dict):
        return None if "r" in mode or "+" in mode else by_mode["not_readable"].format(mode=mode)
    if serializer == "dill" and refused_by_dill(what):
        return error  # a class made at run time that refers to itself: dill falls back to pickle's lookup by name
    if kind in BY_NAME_ONLY:
        return None  # lambdas, closures, local classes, functions of __main__: copied by value
    if kind == "sync":
        return error  # a multiprocessing Lock/Queue refuses every serializer (its own __getstate__)
    if refused_by_own_method(what):
        return error  # an instance whose __reduce_ex__/__reduce__/__getstate__ only raises: every serializer calls it
    found = verdicts_by_error().get(error, {}).get(serializer)  # what the catalog measured raising this error
    if found is None and ("<lambda>" in error or "local object" in error):
        return None  # an instance holding a lambda or a closure (not a cataloged object's own local function)
    if not found:
        return None
    # the object `what` names, when the catalog measured it; else every object that raises this error
    judged = [(ok, e) for ok, e, shown in found if shown and f"{shown} object" in what] or [(ok, e) for ok, e, _ in found]
    refused = [e for ok, e in judged if not ok]
    return refused[0] if len(refused) == len(judged) else None


def _by_alias(section: str) -> dict[str, dict]:
    """A catalog section keyed by qualified name, each entry also under the other names it lists (`names`)."""
    out = {}
    for name, entry in _data().get(section, {}).items():
        if isinstance(entry, dict):
            for alias in (name, *entry.get("names", ())):
                out[alias] = entry
    return out


@lru_cache(maxsize=1)
def random_states() -> dict[str, dict]:
    """Qualified constructor -> entry, for generator objects that seed themselves from the OS when made
    without a seed (`random_states`: numpy's `default_rng()`, `RandomState()`, `random.Random()`)."""
    return _by_alias("random_states")


@lru_cache(maxsize=1)
def pickled_state() -> dict[str, frozenset]:
    """Qualified name that makes a library object -> the attributes its __getstate__ pickles
    (`pickled_state`: requests' Session keeps `hooks`, `auth`, `headers`, ...)."""
    return {alias: frozenset(entry.get("attributes", ())) for alias, entry in _by_alias("pickled_state").items()}


def storing_methods(qualified: str) -> dict:
    """{method: {"attribute", "argument", "keyword"}} of a `pickled_state` class: a method that stores one of its
    arguments in a pickled attribute (requests' `Session.mount(prefix, adapter)` into `adapters`)."""
    return _by_alias("pickled_state").get(qualified, {}).get("storing_methods", {})


@lru_cache(maxsize=1)
def command_groups() -> dict[str, dict]:
    """Qualified decorator that makes a command group -> entry (`command_groups`: click's `group`): calling the
    group runs the functions registered on it (semantic/command_groups.py)."""
    return _by_alias("command_groups")


@lru_cache(maxsize=1)
def configured_objects() -> dict[str, dict]:
    """Qualified library singleton -> entry (`configured_objects`: loguru's `logger`), whose pickled state is
    what the program's configuration calls gave it (semantic/configured_objects.py)."""
    return {name: entry for name, entry in _data().get("configured_objects", {}).items() if isinstance(entry, dict)}


@lru_cache(maxsize=1)
def stateful_objects() -> dict[str, dict]:
    """Qualified constructor -> entry (`stateful_objects`: rich's `Progress`), for library objects whose listed
    `methods` change the object itself: called in a child on a module-level one, they change the child's copy."""
    return _by_alias("stateful_objects")


@lru_cache(maxsize=1)
def stateful_methods() -> frozenset:
    """Every method name some `stateful_objects` entry lists (the walker records their calls as writes)."""
    return frozenset(m for entry in stateful_objects().values() for m in entry.get("methods", ()))

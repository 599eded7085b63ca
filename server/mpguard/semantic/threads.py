"""Calls that leave threads running: the catalog's thread starters (`thread_starters` in
data/boundaries.json: thread pools, gRPC channels) and `os.fork()` itself.

`threading.Thread(...).start()` is already a fact (facts.starts, kind "Thread"); this module records
the rest as effects, so that a rule can ask which threads are alive when the process forks (MP423).
Data, not code: a new library that starts threads is an entry in the catalog."""
from __future__ import annotations

from functools import lru_cache

from mpguard.semantic.boundaries import section
from mpguard.semantic.facts import Effect

FORKS = frozenset({"os.fork", "os.forkpty"})


@lru_cache(maxsize=1)
def _starters() -> dict[str, tuple[str, dict]]:
    out = {}
    for qualified, entry in section("thread_starters").items():
        for name in (qualified, *entry.get("names", ())):
            out[name] = (qualified, entry)
    return out


def thread_starter(qualified: str | None):
    """(catalog name, entry) of a call that starts threads, else None."""
    return _starters().get(qualified) if qualified else None


def record(facts, call, qualified: str | None, where) -> None:
    """Effects "thread-starter" (detail: (catalog name, entry)) and "os.fork" for a call of `qualified`."""
    if qualified in FORKS:
        facts.effects.append(Effect("os.fork", call, where, qualified))
        return
    found = thread_starter(qualified)
    if found is not None:
        facts.effects.append(Effect("thread-starter", call, where, found))

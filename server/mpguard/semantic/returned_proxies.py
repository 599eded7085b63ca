"""Which parts of what a function returns are Manager proxies (`ModuleSummary.proxies`).

A proxy's every method call pickles its arguments in the caller and sends them to the manager's server process,
which unpickles them there (BaseProxy._callmethod). A helper of another module often makes the manager and hands
back the proxy with it (ruffus's `make_shared_logger_and_proxy`: `return manager.setup_logger(name), manager`); the
caller's `logger.error(exc)` is then such a send. Said only when every return gives a proxy at that place.
"""
from __future__ import annotations

from mpguard.semantic import values as V

WHOLE = -1  # the returned value itself is the proxy (not an item of a tuple it returns)


def _proxy(value) -> bool:
    return type(value) is V.MPObject and value.kind == "ManagerProxy"


def returned_proxies(returned: list) -> frozenset:
    """The places (WHOLE, or the index of a returned tuple's item) holding a Manager proxy at every return of
    `returned` (the values a function's returns give, None for a bare return)."""
    if not returned:
        return frozenset()
    if all(_proxy(value) for value in returned):
        return frozenset((WHOLE,))
    if not all(type(value) is V.Sequence and not value.mapping and not value.held for value in returned):
        return frozenset()
    sizes = {len(value.items) for value in returned}
    if len(sizes) != 1:
        return frozenset()
    return frozenset(at for at in range(sizes.pop()) if all(_proxy(value.items[at]) for value in returned))

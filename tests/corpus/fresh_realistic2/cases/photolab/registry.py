"""The filter registry: plugins register a callable under a name."""
FILTERS = {}


def register(name):
    def decorate(fn):
        FILTERS[name] = fn
        return fn
    return decorate


def add(name, fn):
    FILTERS[name] = fn


def get(name):
    try:
        return FILTERS[name]
    except KeyError:
        raise KeyError(f"unknown filter {name!r}; have {sorted(FILTERS)}") from None

"""Process-wide configuration in the style of spack.config, with the state marshaler of spack #50866."""
CONFIG = None


def ensure_configured(scopes):
    global CONFIG
    merged = {}
    for scope in scopes:
        merged.update(scope)
    CONFIG = merged


def get(key, default=None):
    return (CONFIG or {}).get(key, default)


class GlobalStateMarshaler:
    """Captures the parent's configuration so a child can restore it before doing anything."""

    def __init__(self):
        self.config = CONFIG

    def restore(self):
        global CONFIG
        CONFIG = self.config

"""Error classes as the projects first shipped them (kept for the old code paths)."""


class CollectionError(Exception):
    """A lint rule could not be collected (Fixit-like)."""

    def __init__(self, msg, rule):
        super().__init__(msg)
        self.rule = rule


class CalledModuleError(Exception):
    """A GRASS-like module returned a non-zero status."""

    def __init__(self, module, code, returncode, errors=None):
        msg = "Module run `%s` ended with an error (return code %d)" % (code, returncode)
        if errors:
            msg += ": " + errors
        super().__init__(msg)
        self.module = module
        self.code = code
        self.returncode = returncode
        self.errors = errors

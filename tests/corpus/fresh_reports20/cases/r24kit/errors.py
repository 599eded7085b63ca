"""Error classes that survive a round trip through pickle."""


class CollectionError(Exception):
    """A lint rule could not be collected (Fixit-like), with the fix: a __reduce__."""

    def __init__(self, msg, rule):
        super().__init__(msg)
        self.rule = rule

    def __reduce__(self):
        return (type(self), (self.args[0], self.rule))


class CalledModuleError(Exception):
    """A GRASS-like module error, with the fix: a __reduce__ giving every argument back."""

    def __init__(self, module, code, returncode, errors=None):
        msg = "Module run `%s` ended with an error (return code %d)" % (code, returncode)
        if errors:
            msg += ": " + errors
        super().__init__(msg)
        self.module = module
        self.code = code
        self.returncode = returncode
        self.errors = errors

    def __reduce__(self):
        return (type(self), (self.module, self.code, self.returncode, self.errors))

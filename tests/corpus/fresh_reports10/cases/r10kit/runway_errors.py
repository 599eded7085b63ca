"""Exceptions in the shape of runway's: a base error and subclasses that keep structured fields."""


class RunwayError(Exception):
    """Base class for errors raised by the deploy engine."""


class HookNotFound(RunwayError):
    def __init__(self, hook_name, path):
        self.hook_name = hook_name
        self.path = path
        super().__init__("hook %r not found in %s" % (hook_name, path))


class HookNotFoundPicklable(RunwayError):
    def __init__(self, hook_name, path):
        self.hook_name = hook_name
        self.path = path
        super().__init__("hook %r not found in %s" % (hook_name, path))

    def __reduce__(self):
        # rebuild with both positional arguments, not with the formatted message
        return (self.__class__, (self.hook_name, self.path))

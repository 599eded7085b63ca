"""NotCompletedResult as cogent3 had it before commit 83ea4f6 (issue #75).

An int subclass whose __new__ needs type, origin and message.  Pickle rebuilds an
int subclass with cls.__new__(cls, int(self)), which this __new__ refuses.
"""


class NotCompletedResult(int):
    def __new__(cls, type, origin, message, source=None):
        result = int.__new__(cls, False)
        result.type = type
        result.origin = origin
        result.message = message
        result.source = source
        return result

    def __str__(self):
        return f"{type(self).__name__}(type={self.type}, origin={self.origin}, message={self.message!r})"

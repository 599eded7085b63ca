"""NotCompletedResult after cogent3 commit 83ea4f6 ("classes that implement a __new__
method required more work for pickling support, fixes #75"): the constructor keeps
its arguments and __getnewargs_ex__ hands them back to pickle."""


class NotCompletedResult(int):
    def __new__(cls, type, origin, message, source=None):
        d = {"source": source}
        result = int.__new__(cls, False)
        result._persistent = (type, origin, message), d
        result.type = type
        result.origin = origin
        result.message = message
        result.source = source
        return result

    def __getnewargs_ex__(self, *args, **kw):
        return self._persistent[0], self._persistent[1]

    def __str__(self):
        return f"{type(self).__name__}(type={self.type}, origin={self.origin}, message={self.message!r})"

"""Reduced from the `ensure` package: a decorator that checks call arguments against the
function's annotations. ensure_annotations returns a wrapper OBJECT (the report's shape);
checked_annotations returns a functools.wraps function (the working shape)."""
import functools
import inspect


class EnsureError(TypeError):
    pass


def _check(func, args, kwargs):
    bound = inspect.signature(func).bind(*args, **kwargs)
    for name, value in bound.arguments.items():
        ann = func.__annotations__.get(name)
        if isinstance(ann, type) and not isinstance(value, ann):
            raise EnsureError(f"{name} must be {ann.__name__}, got {type(value).__name__}")


class WrappedFunction:
    def __init__(self, func):
        self.f = func
        self.__doc__ = func.__doc__
        self.__name__ = func.__name__

    def __call__(self, *args, **kwargs):
        _check(self.f, args, kwargs)
        return self.f(*args, **kwargs)


def ensure_annotations(func):
    return WrappedFunction(func)


def checked_annotations(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _check(func, args, kwargs)
        return func(*args, **kwargs)

    return wrapper

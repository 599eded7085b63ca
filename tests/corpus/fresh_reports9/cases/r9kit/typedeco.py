"""Reduced from typedecorator: @returns / @params check types at call time. The wrappers are
plain nested functions (no functools.wraps), as in the version of the report."""


class TypeCheckError(TypeError):
    pass


def params(**types):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            names = fn.__code__.co_varnames[:fn.__code__.co_argcount]
            for name, value in list(zip(names, args)) + list(kwargs.items()):
                want = types.get(name)
                if want is not None and not isinstance(value, want):
                    raise TypeCheckError(f"{name}: expected {want.__name__}")
            return fn(*args, **kwargs)

        return wrapper

    return decorator


def returns(rtype):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            result = fn(*args, **kwargs)
            if not isinstance(result, rtype):
                raise TypeCheckError(f"return: expected {rtype.__name__}")
            return result

        return wrapper

    return decorator

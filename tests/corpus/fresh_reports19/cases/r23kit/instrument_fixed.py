"""Instrumentation by object proxies, with the fix: a wrapper pickles as the qualified name of its function."""
import functools
import importlib

from r23kit.recorder import Recorder, timed_call

RECORDER = Recorder()


def _lookup(module_name, qualname):
    obj = importlib.import_module(module_name)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


class FunctionWrapper:
    def __init__(self, wrapped, recorder):
        self.__wrapped__ = wrapped
        self._self_recorder = recorder
        functools.update_wrapper(self, wrapped)

    def __call__(self, *args, **kwargs):
        return timed_call(self._self_recorder, self.__wrapped__, args, kwargs)

    def __reduce_ex__(self, protocol):
        return _lookup, (self.__wrapped__.__module__, self.__wrapped__.__qualname__)


def instrument(module, names):
    for name in names:
        setattr(module, name, FunctionWrapper(getattr(module, name), RECORDER))
    return RECORDER

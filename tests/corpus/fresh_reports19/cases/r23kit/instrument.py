"""Instrumentation by object proxies (wrapt-like FunctionWrapper), as the agent shipped it."""
import functools

from r23kit.recorder import Recorder, timed_call

RECORDER = Recorder()


class FunctionWrapper:
    """A transparent proxy around a function; calls are timed into the recorder."""

    def __init__(self, wrapped, recorder):
        self.__wrapped__ = wrapped
        self._self_recorder = recorder
        functools.update_wrapper(self, wrapped)

    def __call__(self, *args, **kwargs):
        return timed_call(self._self_recorder, self.__wrapped__, args, kwargs)

    def __reduce_ex__(self, protocol):
        # wrapt's ObjectProxy: a proxy does not know how to pickle what it wraps
        raise NotImplementedError("object proxy must define __reduce_ex__()")


def instrument(module, names):
    for name in names:
        setattr(module, name, FunctionWrapper(getattr(module, name), RECORDER))
    return RECORDER

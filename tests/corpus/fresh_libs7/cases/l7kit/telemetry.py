"""A progress/telemetry reporter in the shape of the helpers a pipeline package imports early.

It creates its multiprocessing.Queue when the module is imported, which fixes the
multiprocessing default context as a side effect."""
import multiprocessing
import queue as queue_mod

_events = multiprocessing.Queue()


def report(stage, value):
    _events.put((stage, value))


def drain(limit=100):
    out = []
    for _ in range(limit):
        try:
            out.append(_events.get(timeout=0.2))
        except queue_mod.Empty:
            break
    return out

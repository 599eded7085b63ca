"""A tracing decorator in the shape of viztracer's trace_and_save: the trace is written by a helper process."""
import functools
import json
import multiprocessing
import os


def _save(path, events):
    with open(path, "w") as fh:
        json.dump(events, fh)


def trace_and_save(method=None, output_dir=None, daemon_safe=False):
    def inner(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            events = [["enter", func.__name__, list(args)]]
            result = func(*args, **kwargs)
            events.append(["exit", func.__name__, result])
            out_dir = output_dir or os.environ.get("VT_OUTPUT_DIR", ".")
            path = os.path.join(out_dir, "result_%s_%d_%d.json" % (func.__name__, os.getpid(), args[0]))
            if daemon_safe and multiprocessing.current_process().daemon:
                # a daemonic process may not have children: write the trace here
                _save(path, events)
            else:
                saver = multiprocessing.Process(target=_save, args=(path, events))
                saver.start()
                saver.join()
            return result

        return wrapper

    if method is not None:
        return inner(method)
    return inner

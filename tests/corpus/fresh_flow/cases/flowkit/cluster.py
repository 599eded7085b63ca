"""A tiny task cluster: every task runs in its own daemonic worker process (as django-q's cluster did)."""
import multiprocessing


def _run_task(func, args, results):
    try:
        results.put(("ok", func(*args)))
    except Exception as exc:  # report instead of dying silently
        results.put(("error", "%s: %s" % (type(exc).__name__, exc)))


def spawn_process(func, args, results):
    p = multiprocessing.Process(target=_run_task, args=(func, args, results))
    p.daemon = True
    p.start()
    return p

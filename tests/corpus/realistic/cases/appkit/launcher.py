"""A tiny process launcher, the kind of helper a project grows in utils/."""
import logging
import multiprocessing

log = logging.getLogger(__name__)


def launch(target, *, args=(), name=None, daemon=False):
    """Start one child process running target(*args) and return it."""
    log.debug("launching %s", name or getattr(target, "__name__", target))
    proc = multiprocessing.Process(target=target, args=args, name=name, daemon=daemon)
    proc.start()
    return proc


def launch_all(specs):
    """Start one process per spec dict (keyword arguments of launch)."""
    return [launch(**spec) for spec in specs]


def join_all(procs, timeout=None):
    for proc in procs:
        proc.join(timeout)
    return [proc.exitcode for proc in procs]

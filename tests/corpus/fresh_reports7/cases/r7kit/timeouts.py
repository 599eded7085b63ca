"""A small timeout decorator helper, in the style of wrapt_timeout_decorator:
the call runs in its own process and its result comes back over a queue."""
import multiprocessing
import queue as queue_mod


def _runner(result_q, func, args, kwargs):
    try:
        result_q.put(("ok", func(*args, **kwargs)))
    except Exception as exc:  # report, do not die silently
        result_q.put(("error", repr(exc)))


def call_with_timeout(func, args=(), kwargs=None, seconds=5.0):
    result_q = multiprocessing.Queue()
    proc = multiprocessing.Process(
        target=_runner, args=(result_q, func, args, kwargs or {}), daemon=True
    )
    proc.start()
    try:
        status, value = result_q.get(timeout=seconds)
    except queue_mod.Empty:
        proc.terminate()
        proc.join()
        raise TimeoutError(f"{func.__name__} timed out after {seconds}s")
    proc.join()
    if status == "error":
        raise RuntimeError(value)
    return value

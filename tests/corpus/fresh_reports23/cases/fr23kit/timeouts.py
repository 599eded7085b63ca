"""A timeout decorator in the manner of timeout_decorator: signals, or a child process per call."""
import functools
import multiprocessing
import signal


class TimeoutError(AssertionError):
    pass


def _run_in_child(queue, function, args, kwargs):
    try:
        queue.put((True, function(*args, **kwargs)))
    except Exception as exc:  # sent back to the caller
        queue.put((False, exc))


def timeout(seconds, use_signals=True):
    def decorate(function):
        if use_signals:
            @functools.wraps(function)
            def new_function(*args, **kwargs):
                def handler(signum, frame):
                    raise TimeoutError(f"{function.__name__} timed out after {seconds} s")
                old = signal.signal(signal.SIGALRM, handler)
                signal.setitimer(signal.ITIMER_REAL, seconds)
                try:
                    return function(*args, **kwargs)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, old)
            return new_function

        @functools.wraps(function)
        def new_function(*args, **kwargs):
            queue = multiprocessing.Queue(1)
            proc = multiprocessing.Process(target=_run_in_child,
                                           args=(queue, function, args, kwargs), daemon=True)
            proc.start()
            proc.join(seconds)
            if proc.is_alive():
                proc.terminate()
                raise TimeoutError(f"{function.__name__} timed out after {seconds} s")
            ok, value = queue.get(timeout=1)
            if not ok:
                raise value
            return value
        return new_function
    return decorate

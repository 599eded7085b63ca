"""A tenacity-like retry decorator (stop after N attempts, fixed wait, retry on an exception type)."""
import functools
import time
from concurrent.futures import Future as _BaseFuture


class Future(_BaseFuture):
    """Holds the outcome of one attempt (tenacity keeps the last one on the RetryError)."""

    def __init__(self, attempt_number):
        super().__init__()
        self.attempt_number = attempt_number

    @classmethod
    def construct(cls, attempt_number, value, has_exception):
        fut = cls(attempt_number)
        if has_exception:
            fut.set_exception(value)
        else:
            fut.set_result(value)
        return fut


class RetryError(Exception):
    """Raised when every attempt failed; carries the last attempt."""

    def __init__(self, last_attempt):
        self.last_attempt = last_attempt
        super().__init__(last_attempt)

    def reraise(self):
        if self.last_attempt.exception() is not None:
            raise self.last_attempt.exception()
        raise self

    def __str__(self):
        return f"{self.__class__.__name__}[{self.last_attempt}]"


def retry_if_exception_type(exc_type):
    def predicate(outcome):
        return outcome.exception() is not None and isinstance(outcome.exception(), exc_type)
    return predicate


def retry(retry=None, stop_after_attempt=3, wait_fixed=0.0, reraise=False):
    """Decorate a function (or method) so that failing calls are attempted again."""
    should_retry = retry or retry_if_exception_type(Exception)

    def decorator(fn):
        @functools.wraps(fn)
        def wrapped_f(*args, **kwargs):
            attempt = 0
            while True:
                attempt += 1
                try:
                    value = fn(*args, **kwargs)
                    outcome = Future.construct(attempt, value, False)
                except Exception as exc:  # noqa: BLE001 - like tenacity, every exception is an outcome
                    outcome = Future.construct(attempt, exc, True)
                if not should_retry(outcome):
                    return outcome.result()
                if attempt >= stop_after_attempt:
                    if reraise:
                        raise outcome.exception()
                    raise RetryError(outcome) from outcome.exception()
                time.sleep(wait_fixed)
        wrapped_f.retry_settings = {"stop_after_attempt": stop_after_attempt, "wait_fixed": wait_fixed}
        return wrapped_f
    return decorator

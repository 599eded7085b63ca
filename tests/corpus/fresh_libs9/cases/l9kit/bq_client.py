"""A google-cloud-bigquery-like client: api_core's Retry keeps its predicate, made by if_exception_type()."""
import datetime


class ServiceUnavailable(Exception):
    pass


class TooManyRequests(Exception):
    pass


def if_exception_type(*exception_types):
    """As google.api_core.retry.if_exception_type: returns a nested predicate function."""

    def if_exception_type_predicate(exception):
        return isinstance(exception, exception_types)

    return if_exception_type_predicate


class Retry:
    def __init__(self, predicate, initial=1.0, maximum=60.0, deadline=600.0):
        self._predicate = predicate
        self._initial = initial
        self._maximum = maximum
        self._deadline = deadline

    def __call__(self, func, *args, **kwargs):
        for attempt in range(3):
            try:
                return func(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                if not self._predicate(exc) or attempt == 2:
                    raise
        return None


DEFAULT_RETRY = Retry(predicate=if_exception_type(ServiceUnavailable, TooManyRequests))


class Client:
    def __init__(self, project):
        self.project = project
        self._retry = DEFAULT_RETRY
        self.jobs = []

    def query(self, sql, destination):
        job = {"sql": sql, "destination": destination, "rows": len(sql) % 7 + 1}
        return self._retry(lambda: job)


def date_range(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)

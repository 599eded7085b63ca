"""requests-futures' FuturesSession after PR #31 (ProcessPoolExecutor support), reduced.

The request is sent through ``partial(Session.request, self)`` so that the session itself is
pickled for a process pool (Session.__getstate__ keeps only ``__attrs__``, so the executor
stays behind); a ``background_callback`` is wrapped in another partial and crosses
the process boundary with it.
"""
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from requests import Session


def wrap(self, background_callback, func, *args, **kwargs):
    resp = func(*args, **kwargs)
    return background_callback(self, resp) or resp


class FuturesSession(Session):
    def __init__(self, executor=None, max_workers=2, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=max_workers)
        self.executor = executor

    def request(self, *args, **kwargs):
        background_callback = kwargs.pop("background_callback", None)
        func = partial(Session.request, self)
        if background_callback is not None:
            func = partial(wrap, self, background_callback, func)
        return self.executor.submit(func, *args, **kwargs)

    def close(self):
        super().close()
        self.executor.shutdown(wait=True)

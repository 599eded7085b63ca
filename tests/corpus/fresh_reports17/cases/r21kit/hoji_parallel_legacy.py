"""hojichar.Parallel before PR #103: the Pool uses the default start method and
receives the Compose through initargs."""
from __future__ import annotations

import os
from copy import copy
from multiprocessing.pool import Pool

from .hoji_filters import Compose, Document

PARALLEL_BASE_FILTER: Compose


def _init_worker(filter: Compose, ignore_errors: bool) -> None:
    global PARALLEL_BASE_FILTER
    PARALLEL_BASE_FILTER = Compose(copy(filter.filters))


def _worker(doc: Document) -> tuple[Document, int]:
    return PARALLEL_BASE_FILTER.apply(doc), os.getpid()


class Parallel:
    def __init__(self, filter: Compose, num_jobs: int | None = None, ignore_errors: bool = False) -> None:
        self.filter = filter
        self.num_jobs = num_jobs
        self.ignore_errors = ignore_errors
        self._pool: Pool | None = None

    def __enter__(self) -> "Parallel":
        self._pool = Pool(processes=self.num_jobs, initializer=_init_worker,
                          initargs=(self.filter, self.ignore_errors))
        return self

    def imap_apply(self, docs):
        for doc, _pid in self._pool.imap(_worker, docs):
            yield doc

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if self._pool:
            self._pool.terminate()
            self._pool.join()

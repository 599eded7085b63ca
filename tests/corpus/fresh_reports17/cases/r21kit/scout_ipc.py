"""inspect_scout-like IPC types (_concurrency/_mp_common.py): the items workers send
upstream, and the IPCContext dataclass that carries the queues to each worker."""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ResultItem:
    worker_id: int
    transcript_id: str
    score: float


@dataclass
class WorkerComplete:
    worker_id: int


@dataclass
class WorkerError:
    """A worker failure reduced to picklable fields (inspect_scout PR #632)."""

    worker_id: int
    error_type: str
    message: str
    status_code: int | None = None
    request_id: str | None = None

    @classmethod
    def from_exception(cls, worker_id: int, ex: BaseException) -> "WorkerError":
        return cls(worker_id, type(ex).__name__, str(ex),
                   getattr(ex, "status_code", None), getattr(ex, "request_id", None))


class WorkerProcessError(RuntimeError):
    def __init__(self, error: WorkerError) -> None:
        super().__init__(f"worker {error.worker_id}: {error.error_type}({error.message!r}) "
                         f"status={error.status_code} request={error.request_id}")
        self.error = error


@dataclass
class IPCContext:
    scanner: str
    model_name: str
    overloaded: set[str]
    upstream_queue: Any = field(default_factory=multiprocessing.Queue)
    jobs_per_worker: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


def split_jobs(transcripts: dict[str, str], workers: int) -> dict[int, list[tuple[str, str]]]:
    jobs: dict[int, list[tuple[str, str]]] = {w: [] for w in range(workers)}
    for i, item in enumerate(sorted(transcripts.items())):
        jobs[i % workers].append(item)
    return jobs

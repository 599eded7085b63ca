"""A torch.cuda-like accelerator runtime.  Like CUDA, its context does not survive
fork: a child forked after the parent initialised the runtime is marked as a bad
fork (torch does this with pthread_atfork) and refuses to use the device."""
from __future__ import annotations

import os
import threading

_initialized = False
_in_bad_fork = False
_lock = threading.Lock()
_context = {}


def _after_fork_in_child() -> None:
    global _in_bad_fork, _initialized
    if _initialized:
        _in_bad_fork = True
        _initialized = False


os.register_at_fork(after_in_child=_after_fork_in_child)


def is_initialized() -> bool:
    return _initialized


def init(device_index: int = 0) -> None:
    global _initialized
    if _in_bad_fork:
        raise RuntimeError("Cannot re-initialize CUDA in forked subprocess. To use CUDA with "
                           "multiprocessing, you must use the 'spawn' start method")
    with _lock:
        if not _initialized:
            _context["device"] = device_index
            _context["pid"] = os.getpid()
            _initialized = True


def device_count() -> int:
    return 2


def mem_get_info(device_index: int = 0) -> tuple[int, int]:
    init(device_index)
    return 6 * 2**30, 8 * 2**30


def run_batch(device_index: int, coords: list[list[float]], steps: int) -> list[list[float]]:
    init(device_index)
    out = [list(c) for c in coords]
    for _ in range(steps):
        out = [[0.5 * x for x in c] for c in out]
    return out

"""A jax-like array runtime: initialising it starts a helper thread that warms the kernel cache.

While it warms up the thread holds the runtime lock; every kernel call takes that lock.
"""
import threading
import time

_runtime_lock = threading.Lock()
_state = {"ready": False, "thread": None}
WARMUP_SECONDS = 1.5


def _warm_cache():
    with _runtime_lock:
        time.sleep(WARMUP_SECONDS)  # compiling the default kernels
        _state["ready"] = True


def init_backend():
    """Start the backend once per process (what `import jax; jax.devices()` does)."""
    if _state["thread"] is None:
        t = threading.Thread(target=_warm_cache, name="xla-warmup", daemon=True)
        _state["thread"] = t
        t.start()
    return _state["thread"]


def kernel_sum(values):
    init_backend()
    with _runtime_lock:
        return float(sum(values))

"""sentry_sdk-like client whose Monitor guards its thread with a plain Lock (before the fix)."""
import os
import time
from threading import Lock, Thread
from typing import Optional

from .transport import Transport

MAX_DOWNSAMPLE_FACTOR = 10


class Monitor:
    """Performs health checks in a separate thread once every interval seconds."""

    name = "sdk.monitor"

    def __init__(self, transport: Transport, interval: float = 10) -> None:
        self.transport = transport
        self.interval = interval
        self._healthy = True
        self._downsample_factor = 0
        self._thread: Optional[Thread] = None
        self._thread_lock = Lock()
        self._thread_for_pid: Optional[int] = None
        self._running = True

    def _ensure_running(self) -> None:
        if self._thread_for_pid == os.getpid() and self._thread is not None:
            return None
        with self._thread_lock:
            if self._thread_for_pid == os.getpid() and self._thread is not None:
                return None
            self.run()  # first reading before the periodic thread takes over

            def _thread() -> None:
                while self._running:
                    time.sleep(self.interval)
                    if self._running:
                        self.run()

            thread = Thread(name=self.name, target=_thread, daemon=True)
            thread.start()
            self._thread = thread
            self._thread_for_pid = os.getpid()
        return None

    def run(self) -> None:
        self._healthy = self.transport.is_healthy()
        if self._healthy:
            self._downsample_factor = 0
        elif self._downsample_factor < MAX_DOWNSAMPLE_FACTOR:
            self._downsample_factor += 1

    def is_healthy(self) -> bool:
        self._ensure_running()
        return self._healthy


class Client:
    def __init__(self, dsn: str):
        self.transport = Transport(dsn)
        self.monitor = Monitor(self.transport)

    def capture_event(self, event: dict) -> bool:
        if not self.monitor.is_healthy():
            return False
        self.transport.capture_envelope(dict(event, pid=os.getpid()))
        return True


_client: Optional[Client] = None


def init(dsn: str) -> Client:
    global _client
    _client = Client(dsn)
    return _client


def capture_event(event: dict) -> bool:
    return _client.capture_event(event) if _client is not None else False

"""An HTTP-transport stand-in for the error-reporting SDK: the first health probe is slow."""
import threading
import time


class Transport:
    def __init__(self, dsn: str, probe_seconds: float = 2.0):
        self.dsn = dsn
        self.probe_seconds = probe_seconds
        self.probing = threading.Event()
        self.sent = []
        self._rate_limited = False

    def is_healthy(self) -> bool:
        self.probing.set()
        time.sleep(self.probe_seconds)  # round trip to the relay
        return not self._rate_limited

    def capture_envelope(self, event: dict) -> None:
        self.sent.append(event)

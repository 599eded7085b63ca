"""A measurement package's process module (reduced from pymeasure/process.py, 2017).

The module fixes the start method when it is imported; the reported version
dropped ``force=True`` from the call.
"""
import logging
from multiprocessing import Event, Process, set_start_method

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

set_start_method('spawn')


class StoppableProcess(Process):
    """A process that can be stopped through an Event."""

    def __init__(self):
        super().__init__()
        self._stop_event = Event()

    def stop(self):
        self._stop_event.set()

    def should_stop(self):
        return self._stop_event.is_set()

    def join(self, timeout=0):
        self.stop()
        return super().join(timeout)

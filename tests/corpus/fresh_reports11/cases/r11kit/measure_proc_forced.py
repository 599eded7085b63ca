"""The same process module as released again with ``force=True`` restored."""
import logging
from multiprocessing import Event, Process, set_start_method

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

set_start_method('spawn', force=True)


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

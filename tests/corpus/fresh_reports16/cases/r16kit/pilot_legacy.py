"""LocalManager as QCG-PilotJob had it before PR #86: it always forces the fork start method."""
import multiprocessing as mp

from .pilot_service import start_service


class LocalManager:
    def __init__(self, server_args=None, cfg=None):
        self.server_args = list(server_args or [])
        self.cfg = dict(cfg or {})
        mp.set_start_method("fork")
        self._proc, self._inbox, self._outbox = start_service(mp.get_context())
        self._submitted = []

    def submit(self, specs):
        for spec in specs:
            self._inbox.put(spec)
            self._submitted.append(spec.name)
        return list(self._submitted)

    def wait4all(self):
        results = dict(self._outbox.get() for _ in self._submitted)
        self._submitted = []
        return results

    def finish(self):
        self._inbox.put(None)
        self._proc.join()

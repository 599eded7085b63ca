"""Reduced from rl-agents' Evaluation/monitor: a run monitor that writes episode stats
from several threads, so it keeps a threading.Lock."""
import json
import os
import tempfile
import threading


class EpisodeMonitor:
    def __init__(self, directory=None):
        self.directory = directory or tempfile.mkdtemp(prefix="r9mon")
        self._lock = threading.Lock()
        self.episodes = []

    def record(self, episode, reward):
        with self._lock:
            self.episodes.append({"episode": episode, "reward": reward})

    def dump(self, name):
        with self._lock:
            path = os.path.join(self.directory, f"{name}.json")
            with open(path, "w") as fh:
                json.dump(self.episodes, fh)
            return path

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


class RawEpisodeMonitor:
    """The version in the report: no pickling hooks, the lock travels with the object."""

    def __init__(self):
        self._lock = threading.Lock()
        self.episodes = []

    def record(self, episode, reward):
        with self._lock:
            self.episodes.append({"episode": episode, "reward": reward})

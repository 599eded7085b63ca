"""Application configuration shared by the workers (the shape of moggie.config.AppConfig)."""
import threading


class AppConfig:
    def __init__(self, profile_dir, defaults=None):
        self.profile_dir = profile_dir
        self.values = dict(defaults or {})
        self.lock = threading.RLock()

    def get(self, key, default=None):
        with self.lock:
            return self.values.get(key, default)


class PlainConfig:
    """Settings only; a worker that needs a lock makes its own."""

    def __init__(self, profile_dir, defaults=None):
        self.profile_dir = profile_dir
        self.values = dict(defaults or {})

    def get(self, key, default=None):
        return self.values.get(key, default)


def load_config(profile_dir, plain=False):
    defaults = {"batch": 3, "name": "mail"}
    if plain:
        return PlainConfig(profile_dir, defaults)
    return AppConfig(profile_dir, defaults)

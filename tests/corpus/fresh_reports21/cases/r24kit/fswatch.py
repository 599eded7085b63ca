"""The watchers after pelican's refactor: one small class that keeps plain data."""
import os


class FileSystemWatcher:
    def __init__(self, path, extensions, ignores=()):
        self.path = path
        self.extensions = tuple(extensions)
        self.ignores = tuple(ignores)
        self.last_mtime = 0

    def _mtimes(self):
        for root, dirs, files in os.walk(self.path):
            for name in files:
                if name.endswith(self.extensions) and name not in self.ignores:
                    yield os.stat(os.path.join(root, name)).st_mtime

    def check(self):
        mtimes = list(self._mtimes())
        if not mtimes:
            return None
        newest = max(mtimes)
        if newest > self.last_mtime:
            self.last_mtime = newest
            return True
        return False


def make_watchers(settings):
    return {
        "content": FileSystemWatcher(settings.content_path, settings.extensions),
        "theme": FileSystemWatcher(settings.theme_path, [""]),
    }

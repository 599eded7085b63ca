"""The watchers as pelican had them before the refactor: generator functions."""
import os


def folder_watcher(path, extensions, ignores=()):
    """Yield True whenever a file under `path` changed since the previous step."""
    last_mtime = 0

    def file_times(path):
        for root, dirs, files in os.walk(path):
            for name in files:
                if name.endswith(tuple(extensions)) and name not in ignores:
                    yield os.stat(os.path.join(root, name)).st_mtime

    while True:
        try:
            mtime = max(file_times(path))
        except ValueError:
            yield None
            continue
        if mtime > last_mtime:
            last_mtime = mtime
            yield True
        else:
            yield False


def make_watchers(settings):
    return {
        "content": folder_watcher(settings.content_path, settings.extensions),
        "theme": folder_watcher(settings.theme_path, [""]),
    }

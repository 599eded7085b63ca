"""Gallery settings loader, in the shape of a static gallery generator's settings module."""
import os

DEFAULTS = {"img_size": (640, 480), "jpg_quality": 90, "plugins": ["watermark"]}


def read_settings(overrides=None):
    settings = dict(DEFAULTS)
    settings.update(overrides or {})
    quality = settings["jpg_quality"]

    # plugin hooks are resolved to callables when the settings are read
    def watermark(name):
        return f"{name}@q{quality}"

    hooks = {"watermark": watermark}
    settings["plugin_hooks"] = [hooks[p] for p in settings["plugins"]]
    settings["source"] = os.getcwd()
    return settings


def worker_settings(settings):
    """Only what a worker needs: plain data, the plugin names instead of their hooks."""
    return {k: v for k, v in settings.items() if k != "plugin_hooks"}


def apply_named_plugins(plugins, quality, name):
    for p in plugins:
        if p == "watermark":
            name = f"{name}@q{quality}"
    return name

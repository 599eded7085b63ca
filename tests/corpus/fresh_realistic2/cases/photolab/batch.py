"""Apply a registered filter to many images in a process pool."""
import multiprocessing

from . import filters  # noqa: F401  (registers the built-ins)
from . import registry


def _apply(fn, pixels):
    return fn(pixels)


def _apply_named(name, pixels):
    return registry.get(name)(pixels)


def apply_filter(name, images, workers=2):
    fn = registry.get(name)
    with multiprocessing.Pool(workers) as pool:
        return pool.starmap(_apply, [(fn, img) for img in images])


def apply_by_name(name, images, workers=2):
    with multiprocessing.Pool(workers) as pool:
        return pool.starmap(_apply_named, [(name, img) for img in images])

"""Thumbnail generation for a whole folder."""
from concurrent.futures import ProcessPoolExecutor

from .images import checksum, load


def _thumb(name):
    pixels = load(name)
    return name, checksum(pixels[::4])


def make_thumbnails(names, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(_thumb, names))

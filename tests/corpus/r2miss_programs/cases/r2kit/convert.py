"""Convert one input; runs in worker processes."""
from r2kit import paths


def convert(name):
    target = paths.resolve(name + ".out")
    return target.count("/")

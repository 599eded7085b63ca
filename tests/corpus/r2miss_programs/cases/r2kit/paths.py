"""Where outputs go: the root folder is chosen once by configure() and used by resolve()."""
import os

_ROOT = None


def configure(root):
    global _ROOT
    _ROOT = root


def resolve(name):
    return os.path.join(_ROOT, name)

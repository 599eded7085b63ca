"""reportkit: the small shared library behind the nightly report scripts."""
__version__ = "0.4.1"

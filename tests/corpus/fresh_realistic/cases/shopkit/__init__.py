"""shopkit: the small order-processing package behind the shop's nightly jobs."""
__version__ = "0.7.1"

"""mpguard: static analysis of multiprocessing hazards."""
__version__ = "0.1.0"

"""photolab: tiny grayscale image filters with a plugin registry."""
__version__ = "1.2.0"

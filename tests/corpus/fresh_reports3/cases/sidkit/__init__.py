"""Stand-in for sea_ice_drift: the drift entry point and the pattern-matching library."""
from sidkit.seaicedrift import SeaIceDrift

__all__ = ["SeaIceDrift"]

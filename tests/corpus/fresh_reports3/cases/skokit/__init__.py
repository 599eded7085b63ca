"""Stand-in for scikit-opt's package root: importing it imports the tools module."""
from skokit import tools
from skokit.ga import GA

__all__ = ["tools", "GA"]

"""Stand-in for the motion package: components and their executor."""
from motionkit.component import Component

__all__ = ["Component"]

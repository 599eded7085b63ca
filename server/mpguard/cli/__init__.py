"""Layer 8, the command line: `mpguard check | rule | server`. Nothing imports it."""
from mpguard.cli.main import main

__all__ = ["main"]

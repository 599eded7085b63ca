"""Every rule family, in the order its checks run."""
from mpguard.rules import guard, libraries, lifecycle, meta, pickling, state, threads

FAMILIES = (meta, guard, pickling, state, lifecycle, libraries, threads)
CHECKS = tuple(family.check for family in FAMILIES if hasattr(family, "check"))

"""Every rule family, in the order its checks run."""
from mpguard.rules import guard, libraries, lifecycle, meta, pickling, servers, state, threads

FAMILIES = (meta, guard, pickling, state, lifecycle, libraries, threads, servers)
CHECKS = tuple(family.check for family in FAMILIES if hasattr(family, "check"))

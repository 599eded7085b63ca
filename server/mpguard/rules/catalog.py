"""Every rule family, in the order its checks run."""
from mpguard.rules import devices, guard, libraries, lifecycle, meta, pickling, servers, state, threads

FAMILIES = (meta, guard, pickling, state, lifecycle, libraries, threads, servers, devices)
CHECKS = tuple(family.check for family in FAMILIES if hasattr(family, "check"))

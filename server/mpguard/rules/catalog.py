"""Every rule family, in the order its checks run."""
from mpguard.rules import guard, lifecycle, meta, pickling, state

FAMILIES = (meta, guard, pickling, state, lifecycle)
CHECKS = tuple(family.check for family in FAMILIES if hasattr(family, "check"))

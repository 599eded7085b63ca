"""Every rule family, in the order its checks run."""
from mpguard.rules import (devices, exit_join, guard, libraries, lifecycle, locks, lost_errors, lost_results, meta,
                           pickling, pipe_ends, servers, state, stopped_sources, threads, undone_tasks)

FAMILIES = (meta, guard, pickling, state, lifecycle, exit_join, lost_results, lost_errors, undone_tasks, stopped_sources,
            pipe_ends, libraries, threads, servers, devices, locks)
CHECKS = tuple(family.check for family in FAMILIES if hasattr(family, "check"))

"""h5py PR #2585: take `phil` around fork so a child never inherits it held by another thread."""
import os

from r8kit.h5 import File, phil

if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=phil.acquire, after_in_parent=phil.release, after_in_child=phil.release)

__all__ = ["File", "phil"]

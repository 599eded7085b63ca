# family: callable
# hazard: none
# line: none
# files: portagelite/__init__.py portagelite/futures.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/gentoo/portage/pull/1142 (the merged fix turns the local async_copy into a module-level function and passes its data with functools.partial, so ForkProcess's target pickles by reference under spawn). Same vardbapi class and ForkProcess helper module as the buggy case.
"""Unpack an installed package's metadata into a work directory in a child process (fixed)."""
import functools
import os
import shutil
import sys
import tempfile

from portagelite.futures import ForkProcess


def _async_copy(metadata, dest_dir):
    for key, value in metadata.items():
        with open(os.path.join(dest_dir, key), "w") as f:
            f.write(value + "\n")


class vardbapi:
    """Reduced installed-package database."""

    def __init__(self, root):
        self.root = root
        self._aux_cache = {
            "app-misc/hello-1.0": {"SLOT": "0", "KEYWORDS": "amd64", "EAPI": "8"},
        }

    def aux_get(self, cpv):
        return self._aux_cache[cpv]

    def unpack_metadata(self, versions_metadata, dest_dir):
        """Write every metadata key of the package to dest_dir, in another process."""
        cpv = versions_metadata["cpv"]
        metadata = dict(self.aux_get(cpv))
        proc = ForkProcess(target=functools.partial(_async_copy, metadata, dest_dir))
        proc.start()
        return proc.wait()


def main():
    root = tempfile.mkdtemp()
    try:
        vardb = vardbapi(root)
        rc = vardb.unpack_metadata({"cpv": "app-misc/hello-1.0"}, root)
        written = sorted(os.listdir(root))
        print("RESULT=%s rc=%s" % (written, rc))
        return 0 if written == ["EAPI", "KEYWORDS", "SLOT"] else 3
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

# family: callable
# hazard: unpicklable-callable
# line: 38
# files: portagelite/__init__.py portagelite/futures.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/gentoo/portage/pull/1142 (vardbapi.unpack_metadata defines a local async_copy() and hands it to ForkProcess(target=async_copy), failing under the spawn start method with "Can't pickle local object 'vardbapi.unpack_metadata.<locals>.async_copy'"). Kept: the vardbapi class with self attributes, the local function closing over the metadata dict and destination, and the separate ForkProcess helper module that really builds the multiprocessing.Process; the metadata copy writes small files into a temporary directory.
"""Unpack an installed package's metadata into a work directory in a child process."""
import os
import shutil
import sys
import tempfile

from portagelite.futures import ForkProcess


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

        def async_copy():
            for key, value in metadata.items():
                with open(os.path.join(dest_dir, key), "w") as f:
                    f.write(value + "\n")

        proc = ForkProcess(target=async_copy)
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

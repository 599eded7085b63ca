# family: crossmodule
# hazard: daemon-children
# line: 23
# files: reportkit/__init__.py reportkit/runner.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/snowflakedb/SnowAlert/issues/364 (a connector run inside a Pool worker calls `Pool(DC_POOLSIZE).map(...)`: "AssertionError: daemonic processes are not allowed to have children"). The archive tool checksums each folder with reportkit.runner.run_parallel, and also uses run_parallel to process the folders themselves, so the per-folder task -- running in a daemonic Pool worker -- asks the helper for a second Pool under every start method.
"""Checksum every file of every archive folder, folders in parallel."""
import hashlib
import os
import sys
import tempfile

from reportkit.runner import run_parallel


def checksum(path):
    with open(path, "rb") as fh:
        return os.path.basename(path), hashlib.sha256(fh.read()).hexdigest()[:12]


def checksum_folder(folder):
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder))
    return folder, run_parallel(checksum, files)


def make_archive(root):
    folders = []
    for i in range(3):
        folder = os.path.join(root, f"2024-0{i + 1}")
        os.makedirs(folder)
        for j in range(3):
            with open(os.path.join(folder, f"part{j}.bin"), "wb") as fh:
                fh.write(os.urandom(64))
        folders.append(folder)
    return folders


def main():
    with tempfile.TemporaryDirectory() as root:
        folders = make_archive(root)
        results = run_parallel(checksum_folder, folders)
    print(f"RESULT={sum(len(sums) for _, sums in results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""File helpers: sample data writers and lazy line readers."""
import os
import tempfile


def scratch_dir(name):
    path = os.path.join(tempfile.gettempdir(), name)
    os.makedirs(path, exist_ok=True)
    return path


def write_sample(path, n, width=20):
    with open(path, "w") as fh:
        for i in range(n):
            fh.write(f"{i},{'v' * width}\n")
    return path


def iter_lines(path):
    with open(path) as fh:
        for line in fh:
            yield line.rstrip("\n")

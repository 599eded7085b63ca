"""Check candidates in worker processes: write each one out and test whether it still reproduces."""
from ddkit import tmpfiles


def check(task):
    index, text = task
    filename = tmpfiles.get_tmp_filename(index)
    with open(filename, "w") as fh:
        fh.write(text)
    with open(filename) as fh:
        return index, "assert" in fh.read()

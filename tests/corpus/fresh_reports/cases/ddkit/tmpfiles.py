"""Where candidate inputs are written; the folder is chosen once, at startup, by init()."""
import os
import tempfile

__TMPDIR = None


def init(prefix):
    global __TMPDIR
    __TMPDIR = tempfile.mkdtemp(prefix=prefix)


def get_tmp_filename(index):
    return os.path.join(__TMPDIR, "candidate-%d.smt2" % index)

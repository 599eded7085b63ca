# family: exceptions
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/ligolw.py l26kit/mp_queues_new.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/gwpy/gwpy/pull/419 -- near miss: the fix merged in the PR: the worker sends the SAX exception's underlying error (an ExpatError, plain to pickle) instead of the SAXParseException, so the truncated file is reported as bad and the other files are read
"""Read the segment files of an observing run in parallel and report the livetime per detector."""
import argparse
import os
import tempfile

from l26kit.ligolw import read_segment_file, write_segment_file
from l26kit.mp_queues_new import multiprocess_with_queues


def _read_one(path):
    return read_segment_file(path)


class SegmentArchive:
    def __init__(self, folder, days=24, detectors=("V1", "H1", "L1")):
        self.folder = folder
        self.days = days
        self.detectors = detectors

    def populate(self):
        paths = []
        for n in range(self.days):
            ifo = self.detectors[n % len(self.detectors)]
            path = os.path.join(self.folder, f"{ifo}-SEGMENTS-{n}.xml")
            start = 86400 * n
            segments = [(start + 60 * k, start + 60 * k + 45) for k in range(1440)]
            # the first day's file was cut short by a failed transfer
            write_segment_file(path, ifo, segments, truncated=(n == 0))
            paths.append(path)
        return paths

    def livetime(self, paths, nproc):
        outputs = multiprocess_with_queues(nproc, _read_one, paths)
        totals, bad = {}, []
        for path, out in zip(paths, outputs):
            if isinstance(out, Exception):
                bad.append(os.path.basename(path))
                continue
            ifo, _, seconds = out
            totals[ifo] = totals.get(ifo, 0.0) + seconds
        return totals, bad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nproc", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = SegmentArchive(folder)
        totals, bad = archive.livetime(archive.populate(), args.nproc)
    print(f"RESULT={len(totals)}:{len(bad)}")


if __name__ == "__main__":
    main()

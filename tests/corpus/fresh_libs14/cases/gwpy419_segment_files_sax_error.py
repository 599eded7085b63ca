# family: exceptions
# hazard: unpicklable-exception-sent-over-queue
# line: 40 l26kit/mp_queues_old.py:15
# files: l26kit/__init__.py l26kit/ligolw.py l26kit/mp_queues_old.py
# timeout: 15
# expect: fork=pickling_error+hang spawn=pickling_error+hang forkserver=pickling_error+hang
# note: https://github.com/gwpy/gwpy/pull/419 -- "Handle XML parsing errors in mp": "SAXExceptions are not pickleable, meaning they can't be returned from child processes in multiprocessing"; gwpy's multiprocess_with_queues puts the exception a worker caught on its output queue, the queue's feeder thread fails to pickle the SAXParseException (TypeError: cannot pickle '_io.BufferedReader' object: its locator holds the parsed file), the item never arrives and the parent waits on q_out.get() for ever
"""Read the segment files of an observing run in parallel and report the livetime per detector."""
import argparse
import os
import tempfile

from l26kit.ligolw import read_segment_file, write_segment_file
from l26kit.mp_queues_old import multiprocess_with_queues


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

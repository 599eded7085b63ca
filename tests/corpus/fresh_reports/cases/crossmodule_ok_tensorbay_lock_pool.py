# family: crossmodule
# hazard: none
# line: none
# files: tbsdk/__init__.py tbsdk/dataset_fixed.py tbsdk/upload.py
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/Graviti-AI/tensorbay-python-sdk/pull/545 ("Remove all the threading.Lock member in Dataset, and use a lock pool to dynamically create threading.Lock"): the segments handed to the pool hold only plain data; each process makes its own locks on demand.
"""Upload the segments of a local dataset in parallel."""
import multiprocessing
import sys

from tbsdk.dataset_fixed import Dataset
from tbsdk.upload import upload_segment


def build_dataset():
    dataset = Dataset("traffic-signs")
    dataset.add_segment("train", ["a.png", "bb.png", "ccc.png"])
    dataset.add_segment("test", ["dd.png", "e.png"])
    return dataset


def main():
    dataset = build_dataset()
    with multiprocessing.Pool(2) as pool:
        reports = pool.map(upload_segment, dataset.segments)
    print("RESULT=%s" % sorted(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())

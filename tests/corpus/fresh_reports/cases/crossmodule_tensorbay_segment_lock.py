# family: crossmodule
# hazard: unpicklable-argument
# line: 25 tbsdk/dataset.py:9
# files: tbsdk/__init__.py tbsdk/dataset.py tbsdk/upload.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/Graviti-AI/tensorbay-python-sdk/pull/545 ("TypeError: cannot pickle '_thread.lock' object" when a Dataset is put in a multiprocessing pool; threading.Lock members were used to avoid redundant requests): the segments, each holding a threading.Lock made by the SDK's constructor in another module, are the pool's task arguments.
"""Upload the segments of a local dataset in parallel."""
import multiprocessing
import sys

from tbsdk.dataset import Dataset
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

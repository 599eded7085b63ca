# family: results
# hazard: unpicklable-return
# line: 21
# files: l6kit/video.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/opencv/opencv/issues/17405 -- captures were opened in worker processes to parallelise the slow cv2.VideoCapture() constructor and sent back to the main program; the capture cannot be pickled on the way back
import os
import sys
import tempfile
from multiprocessing import Pool

import cv2

from l6kit.video import make_clip


def open_capture(source):
    cap = cv2.VideoCapture(source)
    if not cap.isOpened():
        raise RuntimeError(f"cannot open {source}")
    return source, cap


def main():
    folder = tempfile.mkdtemp()
    sources = [make_clip(os.path.join(folder, f"cam{i}.avi")) for i in range(3)]
    with Pool(3) as pool:
        captures = dict(pool.map(open_capture, sources))
    frames = []
    for source in sources:
        ok, frame = captures[source].read()
        frames.append(str(ok))
    print("RESULT=" + ",".join(frames))


if __name__ == "__main__":
    sys.exit(main())

# family: results
# hazard: none
# line: none
# files: l6kit/video.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/opencv/opencv/issues/17405 -- the answer in the thread: a capture is a wrapper over native state and stays in the process that opened it; each worker opens, reads and releases its capture and sends back plain numbers
import os
import sys
import tempfile
from multiprocessing import Pool

import cv2

from l6kit.video import make_clip


def summarise(source):
    cap = cv2.VideoCapture(source)
    means = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        means.append(int(frame.mean()))
    cap.release()
    return os.path.basename(source), len(means)


def main():
    folder = tempfile.mkdtemp()
    sources = [make_clip(os.path.join(folder, f"cam{i}.avi"), frames=4 + i) for i in range(3)]
    with Pool(3) as pool:
        stats = dict(pool.map(summarise, sources))
    print("RESULT=" + ",".join(f"{k}:{v}" for k, v in sorted(stats.items())))


if __name__ == "__main__":
    sys.exit(main())

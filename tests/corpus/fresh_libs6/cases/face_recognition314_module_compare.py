# family: callable
# hazard: none
# line: none
# files: l6kit/video.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ageitgey/face_recognition/issues/314 -- the comparison moved to a module-level function that receives the known encodings, so the camera's cv2.VideoCapture stays in the recogniser and never travels
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import cv2
import numpy as np

from l6kit.video import make_clip


def compare(known, vals):
    name, encoding = vals
    distances = np.linalg.norm(known - encoding, axis=1)
    return name if distances.min() < 0.5 else None


class Recognizer:
    def __init__(self, camera_source, known):
        self.camera = cv2.VideoCapture(camera_source)
        self.known = known

    def searchFace(self, candidates):
        with ProcessPoolExecutor(max_workers=2) as pool:
            return list(pool.map(partial(compare, self.known), candidates))


def main():
    source = make_clip(os.path.join(tempfile.mkdtemp(), "door.avi"))
    known = np.array([[0.1, 0.2, 0.3], [0.9, 0.8, 0.7]])
    candidates = [("ana", np.array([0.1, 0.2, 0.35])), ("bo", np.array([5.0, 5.0, 5.0]))]
    found = Recognizer(source, known).searchFace(candidates)
    print("RESULT=" + ",".join(str(f) for f in found))


if __name__ == "__main__":
    sys.exit(main())

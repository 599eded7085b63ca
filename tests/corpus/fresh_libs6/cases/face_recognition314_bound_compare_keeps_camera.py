# family: callable
# hazard: unpicklable-callable
# line: 31
# files: l6kit/video.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ageitgey/face_recognition/issues/314 -- a recogniser class submits its own method self.threadComparison to a ProcessPoolExecutor while the instance keeps the camera's cv2.VideoCapture: "can't pickle cv2.VideoCapture objects", although the comparison itself uses no cv2 object
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

import cv2
import numpy as np

from l6kit.video import make_clip


class Recognizer:
    def __init__(self, camera_source, known):
        self.camera = cv2.VideoCapture(camera_source)
        self.known = known
        self.found = []

    def threadComparison(self, vals):
        name, encoding = vals
        distances = np.linalg.norm(self.known - encoding, axis=1)
        return name if distances.min() < 0.5 else None

    def searchFace(self, candidates):
        with ProcessPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(self.threadComparison, vals) for vals in candidates]
            self.found = [f.result() for f in futures]
        return self.found


def main():
    source = make_clip(os.path.join(tempfile.mkdtemp(), "door.avi"))
    known = np.array([[0.1, 0.2, 0.3], [0.9, 0.8, 0.7]])
    candidates = [("ana", np.array([0.1, 0.2, 0.35])), ("bo", np.array([5.0, 5.0, 5.0]))]
    found = Recognizer(source, known).searchFace(candidates)
    print("RESULT=" + ",".join(str(f) for f in found))


if __name__ == "__main__":
    sys.exit(main())

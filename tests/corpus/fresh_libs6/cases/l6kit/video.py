"""Small video helpers: write a test clip, and two loader classes shaped like a detector's data loader."""
import multiprocessing as mp

import cv2
import numpy as np


def make_clip(path, frames=6, size=(32, 24)):
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 5, size)
    for i in range(frames):
        writer.write(np.full((size[1], size[0], 3), 20 * i, np.uint8))
    writer.release()
    return path


class PathVideoLoader:
    """The same loader, but the capture is opened inside the reading process."""

    def __init__(self, path, queue_size=16):
        self.path = path
        self.Q = mp.Queue(maxsize=queue_size)

    def start(self):
        p = mp.Process(target=self.update, args=())
        p.daemon = True
        p.start()
        return self

    def update(self):
        stream = cv2.VideoCapture(self.path)
        while True:
            grabbed, frame = stream.read()
            if not grabbed:
                stream.release()
                self.Q.put(None)
                return
            self.Q.put(int(frame.mean()))

    def read_all(self):
        out = []
        while (item := self.Q.get()) is not None:
            out.append(item)
        return out

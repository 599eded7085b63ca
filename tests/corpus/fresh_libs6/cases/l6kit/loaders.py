"""The detector's original data loader: the capture is opened in __init__ and kept on self."""
import multiprocessing as mp

import cv2


class VideoLoader:
    """Reads frames in a background process and hands them over through a queue."""

    def __init__(self, path, queue_size=16):
        self.stream = cv2.VideoCapture(path)
        self.Q = mp.Queue(maxsize=queue_size)

    def start(self):
        p = mp.Process(target=self.update, args=())
        p.daemon = True
        p.start()
        return self

    def update(self):
        while True:
            grabbed, frame = self.stream.read()
            if not grabbed:
                self.Q.put(None)
                return
            self.Q.put(int(frame.mean()))

    def read_all(self):
        out = []
        while (item := self.Q.get()) is not None:
            out.append(item)
        return out

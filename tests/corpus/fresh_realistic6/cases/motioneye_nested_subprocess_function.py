# family: callable
# hazard: unpicklable-callable
# line: 42
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/motioneye-project/motioneye/pull/3254 -- the camera server runs each blocking media-listing job in a multiprocessing.Process whose target is a function nested inside the request handler's method; fine under fork, it broke when Python 3.14 made forkserver the Linux default and the PR moved the function to the top level
"""Camera media server: list recordings for a camera in a subprocess so the IO loop never blocks."""
import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass, field


@dataclass
class CameraConfig:
    camera_id: int
    target_dir: str
    extensions: tuple = (".mp4", ".jpg")


@dataclass
class MediaServer:
    cameras: dict = field(default_factory=dict)
    timeout: float = 10.0

    def add_camera(self, config):
        self.cameras[config.camera_id] = config

    def list_media(self, camera_id, media_type):
        config = self.cameras[camera_id]
        parent_pipe, child_pipe = multiprocessing.Pipe(duplex=False)

        def do_list_media(pipe):
            wanted = ".mp4" if media_type == "movie" else ".jpg"
            names = sorted(n for n in os.listdir(config.target_dir)
                           if n.endswith(wanted) and n.endswith(config.extensions))
            pipe.send([{"path": n, "size": os.path.getsize(os.path.join(config.target_dir, n))}
                       for n in names])
            pipe.close()

        process = multiprocessing.Process(target=do_list_media, args=(child_pipe,))  # ANCHOR
        process.start()
        if not parent_pipe.poll(self.timeout):
            process.terminate()
            return None
        media = parent_pipe.recv()
        process.join()
        return media


def make_recordings():
    folder = tempfile.mkdtemp(prefix="cam1_")
    for name, size in (("2024-01-01/10-00.mp4", 10), ("10-05.mp4", 20), ("10-05.jpg", 3)):
        path = os.path.join(folder, os.path.basename(name))
        with open(path, "wb") as fh:
            fh.write(b"x" * size)
    return folder


def main():
    server = MediaServer()
    server.add_camera(CameraConfig(camera_id=1, target_dir=make_recordings()))
    movies = server.list_media(1, "movie")
    pictures = server.list_media(1, "picture")
    print(f"RESULT={len(movies)},{len(pictures)}")
    return 0 if (len(movies), len(pictures)) == (2, 1) else 3


if __name__ == "__main__":
    sys.exit(main())

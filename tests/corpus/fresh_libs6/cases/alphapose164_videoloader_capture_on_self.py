# family: callable
# hazard: unpicklable-callable
# line: l6kit/loaders.py:15
# files: l6kit/loaders.py l6kit/video.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/MVIG-SJTU/AlphaPose/issues/164 -- video_demo.py built VideoLoader(videofile).start(); the loader keeps its cv2.VideoCapture on self and starts a Process with target=self.update, so spawn and forkserver pickle the capture: "can't pickle cv2.VideoCapture objects"
import argparse
import os
import sys
import tempfile

from l6kit.loaders import VideoLoader
from l6kit.video import make_clip


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="pose demo on a video file")
    parser.add_argument("--video", default=None)
    parser.add_argument("--qsize", type=int, default=16)
    return parser.parse_args(argv)


def main():
    args = parse_args([])
    video = args.video or make_clip(os.path.join(tempfile.mkdtemp(), "demo.avi"))
    data_loader = VideoLoader(video, queue_size=args.qsize).start()
    means = data_loader.read_all()
    print("RESULT=" + ",".join(map(str, means)))


if __name__ == "__main__":
    sys.exit(main())

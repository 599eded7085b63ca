# family: callable
# hazard: none
# line: none
# files: l6kit/video.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MVIG-SJTU/AlphaPose/issues/164 -- the loader that works under spawn: it keeps only the video path on self and opens the cv2.VideoCapture inside update(), in the reading process
import argparse
import os
import sys
import tempfile

from l6kit.video import PathVideoLoader, make_clip


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="pose demo on a video file")
    parser.add_argument("--video", default=None)
    parser.add_argument("--qsize", type=int, default=16)
    return parser.parse_args(argv)


def main():
    args = parse_args([])
    video = args.video or make_clip(os.path.join(tempfile.mkdtemp(), "demo.avi"))
    data_loader = PathVideoLoader(video, queue_size=args.qsize).start()
    means = data_loader.read_all()
    print("RESULT=" + ",".join(map(str, means)))


if __name__ == "__main__":
    sys.exit(main())

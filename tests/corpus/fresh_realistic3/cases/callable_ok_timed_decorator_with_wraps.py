# family: callable
# hazard: none
# line: none
# files: etlkit/parallel.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/menpo/menpo/pull/519 (the fix, functools.wraps, "now features are pickleable"; near miss: the module-level worker is decorated with etlkit.parallel.timed, which uses functools.wraps, so pickle finds it under its own name)
import argparse
import logging
import multiprocessing
import sys

from etlkit.parallel import timed

log = logging.getLogger("thumbs")


@timed
def thumbnail(size):
    width, height = size
    ratio = min(128 / width, 128 / height)
    return (int(width * ratio), int(height * ratio))


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    return ap.parse_args(argv)


def main():
    args = parse_args()
    sizes = [(1024, 768), (640, 480), (256, 512)]
    with multiprocessing.Pool(args.jobs) as pool:
        thumbs = pool.map(thumbnail, sizes)
    log.info("made %d thumbnails", len(thumbs))
    print("RESULT=%s" % thumbs)
    if thumbs != [(128, 96), (128, 96), (64, 128)]:
        sys.exit(3)


if __name__ == "__main__":
    main()

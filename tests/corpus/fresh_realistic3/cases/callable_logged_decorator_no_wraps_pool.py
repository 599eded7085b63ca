# family: callable
# hazard: unpicklable-callable
# line: 34
# files: etlkit/parallel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/IDSIA/sacred/issues/874 (a decorator that does not use functools.wraps makes the decorated function unpicklable by name); here a thumbnail tool decorates its module-level worker with etlkit.parallel.logged, whose wrapper does not use functools.wraps, and maps it with a Pool
import argparse
import logging
import multiprocessing
import sys

from etlkit.parallel import logged

log = logging.getLogger("thumbs")


@logged
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

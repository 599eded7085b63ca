# family: start_method
# hazard: parent-state-not-inherited
# line: 31
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: Modelled on https://github.com/lncrawl/lightnovel-crawler/issues/2774 (lncrawl's main() calls multiprocessing.set_start_method("spawn") for every platform) combined with https://superfastpython.com/multiprocessing-inherit-global-variables-in-python: once spawn is forced, a global the CLI fills in at run time is missing in the workers on Linux too, not only where spawn is the default.
"""Download chapters of a novel with worker processes."""
import argparse
import multiprocessing
import sys

SOURCE_URL = None
CHAPTERS = 6


def download(chapter):
    if SOURCE_URL is None:
        return None
    return "%s/chapter-%d" % (SOURCE_URL, chapter)


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="https://novels.example/n1")
    return parser.parse_args(argv)


def main(argv=None):
    global SOURCE_URL
    multiprocessing.set_start_method("spawn")
    args = parse_args(argv)
    SOURCE_URL = args.source
    with multiprocessing.Pool(2) as pool:
        pages = pool.map(download, range(1, CHAPTERS + 1))
    fetched = [p for p in pages if p]
    print("RESULT=%d" % len(fetched))
    return 0 if len(fetched) == CHAPTERS else 3


if __name__ == "__main__":
    sys.exit(main([]))

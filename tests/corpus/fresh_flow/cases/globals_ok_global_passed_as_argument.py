# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/lncrawl/lightnovel-crawler/issues/2774 + globals: the CLI still stores the source in a global through `global`, but the worker receives it as an argument (functools.partial), so spawned workers never read the import-time None.
"""Download chapters with worker processes; the source travels with each task."""
import argparse
import functools
import multiprocessing
import sys

SOURCE_URL = None


def download(source, chapter):
    return "%s/chapter-%d" % (source, chapter)


def configure(argv):
    global SOURCE_URL
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="https://novels.example/n1")
    SOURCE_URL = parser.parse_args(argv).source


def main(argv=None):
    configure(argv)
    with multiprocessing.Pool(2) as pool:
        pages = pool.map(functools.partial(download, SOURCE_URL), range(1, 7))
    print("RESULT=%d" % len(pages))
    return 0 if all(p.startswith("https://") for p in pages) else 3


if __name__ == "__main__":
    sys.exit(main([]))

# family: start_method
# hazard: none
# line: none
# files: lncrawllite/__init__.py lncrawllite/binders.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/lncrawl/lightnovel-crawler/issues/2774 (the reporter's local patch: wrap set_start_method("spawn") in try/except RuntimeError). Same import-time context fixing in lncrawllite/binders.py as the buggy case; the pool then simply uses the already-fixed default.
"""lncrawl entry point: choose the start method, then crawl and bind."""
import multiprocessing
import sys

from lncrawllite import binders


def download_chapter(index):
    return "chapter-%d" % index


def main():
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError:
        pass
    with multiprocessing.Pool(2) as pool:
        chapters = pool.map(download_chapter, range(4))
    print("RESULT=%s" % binders.bind_epub("novel", chapters))
    return 0


if __name__ == "__main__":
    sys.exit(main())

# family: start_method
# hazard: set-start-method-misuse
# line: 19
# files: lncrawllite/__init__.py lncrawllite/binders.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Modelled on https://github.com/lncrawl/lightnovel-crawler/issues/2774 (lncrawl/__init__.py main() calls multiprocessing.set_start_method("spawn") and fails with "RuntimeError: context has already been set" on Python 3.13/3.14; the reporter patched it with try/except RuntimeError). Which import fixed the context is not shown in the report; here an imported binder module calls get_start_method() at import time, one documented way the context gets fixed. Kept: the package entry point main() doing set_start_method first, then building the app and binding output with a worker pool.
"""lncrawl entry point: choose the start method, then crawl and bind."""
import multiprocessing
import sys

from lncrawllite import binders


def download_chapter(index):
    return "chapter-%d" % index


def main():
    multiprocessing.set_start_method("spawn")
    with multiprocessing.Pool(2) as pool:
        chapters = pool.map(download_chapter, range(4))
    print("RESULT=%s" % binders.bind_epub("novel", chapters))
    return 0


if __name__ == "__main__":
    sys.exit(main())

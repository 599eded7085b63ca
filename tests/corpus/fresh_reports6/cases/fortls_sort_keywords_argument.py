# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/fortran-lang/fortls/issues/36 -- the fix from the thread: the setting is passed to the parsing function as an argument (functools.partial) instead of through a module global.
import argparse
import functools
import multiprocessing
import sys


def keyword_list(decl, sort_keywords):
    words = [w.strip() for w in decl.split(",")]
    return sorted(words) if sort_keywords else words


def parse_file(path_and_decl, sort_keywords=True):
    path, decl = path_and_decl
    return path, keyword_list(decl, sort_keywords)


class LangServer:
    def __init__(self, settings):
        self.settings = settings
        self.nthreads = settings.nthreads

    def workspace_init(self, files):
        parse = functools.partial(parse_file, sort_keywords=self.settings.sort_keywords)
        with multiprocessing.Pool(self.nthreads) as pool:
            return dict(pool.map(parse, files))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--nthreads", type=int, default=2)
    parser.add_argument("--no_sort_keywords", dest="sort_keywords", action="store_false")
    args = parser.parse_args(["--no_sort_keywords"])
    server = LangServer(args)
    parsed = server.workspace_init([("a.f90", "intent(in), dimension(:), allocatable")])
    print("RESULT=%s" % parsed["a.f90"])
    sys.exit(0 if parsed["a.f90"][0] == "intent(in)" else 3)

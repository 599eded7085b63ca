# family: globals
# hazard: parent-state-not-inherited
# line: 30
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: github.com/fortran-lang/fortls/issues/36 -- the language server sets the module global sort_keywords from its settings with `global` and then parses files in worker processes, which on Windows still see the import-time value (keywords always sorted).
import argparse
import multiprocessing
import sys

sort_keywords = True


def keyword_list(decl):
    words = [w.strip() for w in decl.split(",")]
    return sorted(words) if sort_keywords else words


def parse_file(path_and_decl):
    path, decl = path_and_decl
    return path, keyword_list(decl)


class LangServer:
    def __init__(self, settings):
        self.settings = settings
        self.nthreads = settings.nthreads

    def configure(self):
        global sort_keywords
        sort_keywords = self.settings.sort_keywords

    def workspace_init(self, files):
        self.configure()
        with multiprocessing.Pool(self.nthreads) as pool:
            return dict(pool.map(parse_file, files))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--nthreads", type=int, default=2)
    parser.add_argument("--no_sort_keywords", dest="sort_keywords", action="store_false")
    args = parser.parse_args(["--no_sort_keywords"])
    server = LangServer(args)
    parsed = server.workspace_init([("a.f90", "intent(in), dimension(:), allocatable")])
    print("RESULT=%s" % parsed["a.f90"])
    sys.exit(0 if parsed["a.f90"][0] == "intent(in)" else 3)

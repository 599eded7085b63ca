# family: args
# hazard: none
# line: none
# files: r16kit/ytcore.py r16kit/pafy_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mps-youtube/pafy/pull/190 -- the fix, "Don't use lambdas as default arguments for empty callbacks. Instead check for callback at each call": get_playlist defaults callback to None, so the returned Playlist pickles and the pool can receive it
"""Archive the summary of several playlists, one worker process per playlist."""
import argparse
import concurrent.futures
import sys

from r16kit import pafy_fixed as pafy
from r16kit.ytcore import archive_playlist

DEFAULT_URLS = [
    "https://www.youtube.com/playlist?list=PL-rust",
    "https://www.youtube.com/playlist?list=PL-py",
    "https://www.youtube.com/playlist?list=PL-go",
]


class Archiver:
    def __init__(self, urls, workers=2, basic=True):
        self.urls = list(urls)
        self.workers = workers
        self.basic = basic
        self.playlists = []

    def load(self):
        for url in self.urls:
            self.playlists.append(pafy.get_playlist(url, basic=self.basic))
        return self.playlists

    def run(self):
        rows = []
        with concurrent.futures.ProcessPoolExecutor(max_workers=self.workers) as ex:
            futures = [ex.submit(archive_playlist, pl) for pl in self.playlists]
            for fut in futures:
                rows.append(fut.result())
        return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    archiver = Archiver(args.urls, workers=args.workers)
    archiver.load()
    rows = archiver.run()
    print("RESULT=" + ";".join("%s:%d:%d" % row for row in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

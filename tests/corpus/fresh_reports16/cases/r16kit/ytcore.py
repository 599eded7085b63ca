"""pafy-like playlist objects, fetched from canned data (no network)."""
from dataclasses import dataclass

_CANNED = {
    "PL-rust": [("intro", 312), ("ownership", 845), ("lifetimes", 1201)],
    "PL-py": [("asyncio", 990), ("typing", 640)],
    "PL-go": [("goroutines", 701), ("channels", 533), ("generics", 815), ("modules", 402)],
}


@dataclass
class Video:
    title: str
    length: int


def fetch_playlist_data(playlist_url):
    key = playlist_url.rsplit("list=", 1)[-1]
    return key, [Video(t, n) for t, n in _CANNED[key]]


class Playlist:
    """What get_playlist returns: the videos plus the progress callback it was given."""

    def __init__(self, plid, items, callback=None, basic=False):
        self.plid = plid
        self.items = items
        self.basic = basic
        self._callback = callback

    def _report(self, msg):
        if self._callback is not None:
            self._callback(msg)

    def total_length(self):
        self._report("summing %d items" % len(self.items))
        return sum(v.length for v in self.items)


def archive_playlist(playlist):
    """Runs in a worker process: the parent hands it the whole Playlist."""
    return playlist.plid, len(playlist.items), playlist.total_length()

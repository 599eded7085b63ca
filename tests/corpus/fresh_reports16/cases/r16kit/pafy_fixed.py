"""get_playlist after pafy PR #190: no lambda default, the callback is checked at each call."""
from .ytcore import Playlist, fetch_playlist_data


def get_playlist(playlist_url, basic=False, gdata=False, size=False, callback=None):
    plid, items = fetch_playlist_data(playlist_url)
    if callback:
        callback("fetched %s" % plid)
    return Playlist(plid, items, callback=callback, basic=basic)

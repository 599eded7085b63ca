"""get_playlist as pafy had it before PR #190: an empty callback as a lambda default."""
from .ytcore import Playlist, fetch_playlist_data


def get_playlist(playlist_url, basic=False, gdata=False, size=False, callback=lambda x: None):
    plid, items = fetch_playlist_data(playlist_url)
    callback("fetched %s" % plid)
    return Playlist(plid, items, callback=callback, basic=basic)

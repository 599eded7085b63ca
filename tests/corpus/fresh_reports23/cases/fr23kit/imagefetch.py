"""A stand-in for the view-finding-network downloader: urllib-like fetches served from a table."""
import email.message
import io
import urllib.error

# url -> payload; a url that is absent answers 404 like the real image host
_SERVED = {
    "https://img.example.org/flickr/1001.jpg": b"\xff\xd8jpeg-1001",
    "https://img.example.org/flickr/1002.jpg": b"\xff\xd8jpeg-1002-longer",
    "https://img.example.org/flickr/1004.jpg": b"\xff\xd8jpeg-1004",
}


def urlopen(url):
    """Return a readable response, or raise HTTPError holding the error body as urllib does."""
    if url in _SERVED:
        return io.BufferedReader(io.BytesIO(_SERVED[url]))
    headers = email.message.Message()
    headers["Content-Type"] = "text/html"
    body = io.BufferedReader(io.BytesIO(b"<html>404 Not Found</html>"))
    raise urllib.error.HTTPError(url, 404, "Not Found", headers, body)


def image_name(url):
    return url.rsplit("/", 1)[-1]

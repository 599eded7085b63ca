"""w3af-like document parsers: an HTML response parsed with lxml.html; the parser keeps its tree."""
from urllib.parse import urljoin

import lxml.html

PAGES = {
    "http://target.test/": '<html><body><a href="/login">in</a><a href="/about">about</a>'
                           '<form action="/search" method="get"><input name="q"></form></body></html>',
    "http://target.test/about": '<html><body><p>About</p><a href="/">home</a><a href="/team">team</a></body></html>',
    "http://target.test/login": '<html><body><form action="/session" method="post"><input name="user">'
                                '<input name="password" type="password"></form></body></html>',
    "http://target.test/team": '<html><body><a href="mailto:ops@target.test">mail</a></body></html>',
}


class HTMLParser:
    def __init__(self, url, body):
        self.url = url
        self._root = lxml.html.fromstring(body)
        self.references = sorted({urljoin(url, a.get("href")) for a in self._root.iter("a")
                                  if a.get("href") and not a.get("href").startswith("mailto:")})
        self.emails = sorted(a.get("href")[7:] for a in self._root.iter("a")
                             if (a.get("href") or "").startswith("mailto:"))
        self.forms = [(f.get("method", "get").upper(), urljoin(url, f.get("action")),
                       sorted(i.get("name") for i in f.iter("input"))) for f in self._root.iter("form")]


def fetch(url):
    return PAGES.get(url, "<html><body></body></html>")

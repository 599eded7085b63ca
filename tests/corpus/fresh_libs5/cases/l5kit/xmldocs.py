"""XML documents for the page-compiling programs (kraken / aicsimageio shapes)."""
import os
import tempfile

from lxml import etree

PAGE = b"<page id='%d'><line>alpha</line><line>beta %d</line><link href='/p/%d'/></page>"


def write_pages(count, folder=None):
    folder = folder or tempfile.mkdtemp(prefix="l5x")
    paths = []
    for number in range(count):
        path = os.path.join(folder, "page%d.xml" % number)
        with open(path, "wb") as handle:
            handle.write(PAGE % (number, number, number))
        paths.append(path)
    return paths


def load_tree(path):
    return etree.parse(path)


class CziReader:
    """Keeps the parsed OME metadata, as aicsimageio's CZI reader did."""

    def __init__(self, raw):
        self.raw = raw
        self.metadata = etree.fromstring(raw)

    def plane_name(self, index):
        return "%s-%d" % (self.metadata.get("id"), index)


class PicklableCziReader(CziReader):
    """The fix: ship the raw bytes and parse again on the other side."""

    def __getstate__(self):
        return {"raw": self.raw}

    def __setstate__(self, state):
        self.raw = state["raw"]
        self.metadata = etree.fromstring(self.raw)

"""The work-round: the task keeps lxml's exception in the worker and returns what went wrong as text."""
import os

from lxml import etree

from .ecospold import read_activity


def read_activity_checked(path):
    try:
        return read_activity(path)
    except etree.XMLSyntaxError as exc:
        return {"file": os.path.basename(path), "error": f"{type(exc).__name__}: {exc}"}

"""Tasks the cluster runs; rendering is delegated to flowkit.render."""
from flowkit import render


def build_report(name, pages):
    text = render.render_pages(name, pages)
    return len(text)

"""Built-in filters. Importing this module registers them."""
from .registry import add, register


@register("invert")
def invert(pixels):
    return [255 - p for p in pixels]


@register("brighten")
def brighten(pixels):
    return [min(255, p + 40) for p in pixels]


# a quick one added during a hackathon and never turned into a def
add("threshold", lambda pixels: [255 if p > 127 else 0 for p in pixels])

"""Page parsing helpers."""


def parse_page(text, encoding="utf-8", strict=False):
    words = text.split()
    if strict and not words:
        raise ValueError("empty page")
    return {"words": len(words), "encoding": encoding}

"""A LIGO_LW segment-table reader on xml.sax, the parser glue/ligo.lw use under gwpy's readers."""
import xml.sax


class SegmentHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.segments = []
        self.ifo = None

    def startElement(self, name, attrs):
        if name == "Table":
            self.ifo = attrs.get("Name", "?").split(":")[0]
        elif name == "Seg":
            self.segments.append((float(attrs["start"]), float(attrs["end"])))


def write_segment_file(path, ifo, segments, truncated=False):
    rows = "".join(f'<Seg start="{a}" end="{b}"/>' for a, b in segments)
    text = f'<?xml version="1.0"?><LIGO_LW><Table Name="{ifo}:segment">{rows}</Table></LIGO_LW>'
    with open(path, "w") as fh:
        fh.write(text[:-20] if truncated else text)


def read_segment_file(path):
    handler = SegmentHandler()
    with open(path, "rb") as fh:
        xml.sax.parse(fh, handler)
    livetime = sum(end - start for start, end in handler.segments)
    return handler.ifo, len(handler.segments), livetime

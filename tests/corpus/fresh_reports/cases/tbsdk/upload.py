"""Upload helpers run in worker processes: each gets one segment and reports what it sent."""


def upload_segment(segment):
    files = segment.list_files()
    return segment.name, len(files), sum(len(f) for f in files)

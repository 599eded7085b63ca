"""Scan pipeline factory, in the shape of an unpacking tool's scan_job module."""
import hashlib


def _hash_stage(data):
    return hashlib.sha256(data).hexdigest()[:12]


def _size_stage(data):
    return len(data)


def _text_stage(data):
    return all(32 <= b < 127 for b in data)


STAGES = {"hash": _hash_stage, "size": _size_stage, "text": _text_stage}


def make_scan_pipeline(names=("hash", "size", "text")):
    """Chains the named stages; returns a nested function (the shape the tool had)."""
    stages = [(n, STAGES[n]) for n in names]

    def pipeline(data):
        return {name: stage(data) for name, stage in stages}

    return pipeline


class ScanPipeline:
    """The same chain as an object of a module-level class."""

    def __init__(self, names=("hash", "size", "text")):
        self.names = tuple(names)

    def __call__(self, data):
        return {name: STAGES[name](data) for name in self.names}


def make_pipeline_object(names=("hash", "size", "text")):
    return ScanPipeline(names)


def process_jobs(scan_pipeline, env):
    """Worker loop: take paths' contents from the scan queue until a None arrives."""
    while True:
        job = env.scan_queue.get()
        if job is None:
            break
        env.result_queue.put((job, scan_pipeline(job.encode())))

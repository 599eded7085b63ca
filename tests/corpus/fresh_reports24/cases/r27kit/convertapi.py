"""convertapi-like client: uploads the files of one conversion in parallel processes unless
`max_parallel_uploads` is 1 (the setting the maintainers point to for code running inside celery)."""
import hashlib
import multiprocessing
from dataclasses import dataclass

max_parallel_uploads = 10


@dataclass
class ConversionResult:
    to_format: str
    file_ids: list

    @property
    def total(self):
        return len(self.file_ids)


def _upload(path):
    return hashlib.sha1(path.encode()).hexdigest()[:12]


def _upload_all(paths):
    if max_parallel_uploads > 1 and len(paths) > 1:
        with multiprocessing.Pool(min(max_parallel_uploads, len(paths))) as pool:
            return pool.map(_upload, paths)
    return [_upload(p) for p in paths]


def convert(to_format, params):
    paths = params["Files"]
    return ConversionResult(to_format, _upload_all(paths))

# family: args
# hazard: unpicklable-argument
# line: 29
# files: l6kit/gcs.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/googleapis/google-cloud-python/issues/3211 -- a sync job's settings dataclass carries the storage Client next to the bucket name and is handed to a Process; fork copies it, spawn must pickle it and the client refuses
import sys
from dataclasses import dataclass, field
from multiprocessing import Process, Queue

from l6kit.gcs import make_client


@dataclass
class SyncSettings:
    bucket: str
    prefix: str
    client: object = field(default_factory=make_client)


def sync_prefix(settings, out):
    blob = settings.client.bucket(settings.bucket).blob(f"{settings.prefix}/manifest.json")
    out.put(blob.path)


def main():
    settings = SyncSettings(bucket="exports", prefix="daily")
    out = Queue()
    proc = Process(target=sync_prefix, args=(settings, out))
    proc.start()
    path = out.get()
    proc.join()
    print(f"RESULT={path}")


if __name__ == "__main__":
    sys.exit(main())

# family: args
# hazard: unpicklable-argument
# line: 26
# files: l6kit/gcs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/square/bionic/pull/113 -- a GCS cache object kept the client's Bucket and was sent to process workers; the bucket holds its client, which the storage library refuses to pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from l6kit.gcs import make_bucket


class GcsCache:
    def __init__(self, bucket_name, prefix):
        self.bucket = make_bucket(bucket_name)
        self.prefix = prefix


def cache_path(bucket, prefix, artifact):
    return bucket.blob(f"{prefix}/{artifact}.pkl").path


def persist_all(cache, artifacts):
    with ProcessPoolExecutor(max_workers=2) as executor:
        return list(executor.map(partial(cache_path, cache.bucket, cache.prefix), artifacts))


if __name__ == "__main__":
    cache = GcsCache("bionic-cache", "flows/v3")
    print("RESULT=" + ",".join(persist_all(cache, ["features", "model"])))
    sys.exit(0)

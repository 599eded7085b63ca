# family: args
# hazard: none
# line: none
# files: l6kit/gcs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/square/bionic/pull/113 -- the working shape: only the bucket name and prefix travel; each worker process builds its own storage client in the executor's initializer and caches it in a module global
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from l6kit.gcs import make_client

_client = None


def init_worker():
    global _client
    _client = make_client()


def cache_path(bucket_name, prefix, artifact):
    return _client.bucket(bucket_name).blob(f"{prefix}/{artifact}.pkl").path


def persist_all(bucket_name, prefix, artifacts):
    with ProcessPoolExecutor(max_workers=2, initializer=init_worker) as executor:
        return list(executor.map(partial(cache_path, bucket_name, prefix), artifacts))


if __name__ == "__main__":
    print("RESULT=" + ",".join(persist_all("bionic-cache", "flows/v3", ["features", "model"])))
    sys.exit(0)

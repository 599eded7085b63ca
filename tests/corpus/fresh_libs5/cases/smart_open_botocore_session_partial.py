# family: args
# hazard: unpicklable-argument
# line: 23
# files: l5kit/cloud.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/piskvorky/smart_open/issues/670 -- `s3.iter_bucket(..., botocore_session=my_session)` with multiprocessing: the session goes to the pool in a partial and fails with "AttributeError: Can't pickle local object ...".
import functools
import multiprocessing

from l5kit.cloud import default_botocore_session

KEYS = ["a/1.txt", "a/2.txt", "b/3.txt", "b/4.txt"]


def download_key(key_name, bucket_name=None, botocore_session=None):
    return key_name, len(bucket_name)


def iter_bucket(bucket_name, keys, workers=2, botocore_session=None):
    download = functools.partial(download_key, bucket_name=bucket_name,
                                 botocore_session=botocore_session)
    with multiprocessing.Pool(workers) as pool:
        for key, size in pool.imap_unordered(download, keys):
            yield key, size


if __name__ == "__main__":
    my_session = default_botocore_session()
    found = list(iter_bucket("a-real-bucket", KEYS, botocore_session=my_session))
    print("RESULT=%d" % len(found))

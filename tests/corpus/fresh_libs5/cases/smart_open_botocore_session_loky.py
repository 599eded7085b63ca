# family: args
# hazard: none
# line: none
# files: l5kit/cloud.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/piskvorky/smart_open/issues/670 -- the same partial with the botocore session, mapped by joblib's loky backend: cloudpickle serialises the session (the local function that defeats pickle is copied by value), so the workers get it.
import functools

from joblib import Parallel, delayed

from l5kit.cloud import default_botocore_session

KEYS = ["a/1.txt", "a/2.txt", "b/3.txt", "b/4.txt"]


def download_key(key_name, bucket_name=None, botocore_session=None):
    return key_name, len(bucket_name), botocore_session is not None


def iter_bucket(bucket_name, keys, workers=2, botocore_session=None):
    download = functools.partial(download_key, bucket_name=bucket_name,
                                 botocore_session=botocore_session)
    return Parallel(n_jobs=workers)(delayed(download)(key) for key in keys)


if __name__ == "__main__":
    my_session = default_botocore_session()
    found = iter_bucket("a-real-bucket", KEYS, botocore_session=my_session)
    print("RESULT=%d" % sum(1 for _, _, has in found if has))

# family: results
# hazard: unpicklable-exception
# line: 18
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# timeout: 6
# note: a backup verifier raising r4kit.errors.ChecksumError(path, expected), whose __init__ passes one message to Exception, from Pool.map workers.
import hashlib
import multiprocessing as mp

from r4kit.errors import ChecksumError

MANIFEST = {"a.tar": "00", "b.tar": hashlib.md5(b"b.tar").hexdigest()[:2]}


def verify(path):
    digest = hashlib.md5(path.encode()).hexdigest()[:2]
    if digest != MANIFEST[path]:
        raise ChecksumError(path, MANIFEST[path])
    return path


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        try:
            print("RESULT=" + ",".join(pool.map(verify, sorted(MANIFEST))))
        except ChecksumError as exc:
            print("RESULT=failed:" + exc.path)

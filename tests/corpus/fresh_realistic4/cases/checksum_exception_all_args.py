# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the backup verifier raising r4kit.errors.ChecksumMismatch, which passes both arguments to Exception, so the parent catches it.
import hashlib
import multiprocessing as mp

from r4kit.errors import ChecksumMismatch

MANIFEST = {"a.tar": "00", "b.tar": hashlib.md5(b"b.tar").hexdigest()[:2]}


def verify(path):
    digest = hashlib.md5(path.encode()).hexdigest()[:2]
    if digest != MANIFEST[path]:
        raise ChecksumMismatch(path, MANIFEST[path])
    return path


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        try:
            print("RESULT=" + ",".join(pool.map(verify, sorted(MANIFEST))))
        except ChecksumMismatch as exc:
            print("RESULT=failed:" + exc.path)

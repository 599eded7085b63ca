# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/python/cpython/issues/93542: the worker catches ProtocolError and raises a one-message exception instead (the workaround discussed there), which pickles and unpickles; the parent counts the failed mirror.
import sys
from multiprocessing import Pool
from xmlrpc.client import ProtocolError

MIRRORS = {
    "https://pypi.example.invalid/pypi": 200,
    "https://mirror.example.invalid/pypi": 503,
}


class MirrorError(Exception):
    pass


def fake_transport(url):
    status = MIRRORS[url]
    if status != 200:
        raise ProtocolError(url, status, "Service Unavailable", {})
    return status


def check_mirror(url):
    try:
        fake_transport(url)
    except ProtocolError as exc:
        raise MirrorError("%s: %s %s" % (exc.url, exc.errcode, exc.errmsg)) from None
    return url


def main():
    failed = 0
    with Pool(2) as pool:
        pending = [pool.apply_async(check_mirror, (url,)) for url in sorted(MIRRORS)]
        for res in pending:
            try:
                res.get(timeout=10)
            except MirrorError as exc:
                print("mirror failed: %s" % exc)
                failed += 1
    print("RESULT=%d" % failed)
    return 0 if failed == 1 else 3


if __name__ == "__main__":
    sys.exit(main())

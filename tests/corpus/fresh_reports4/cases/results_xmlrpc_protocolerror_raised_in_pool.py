# family: results
# hazard: unpicklable-exception
# line: 25
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# timeout: 6
# note: Shape of https://github.com/python/cpython/issues/93542 ("Can't use XMLRPC errors with multiprocessing and pickle ... Multiprocessing freezes"): a pool of XML-RPC mirror checks raises xmlrpc.client.ProtocolError, whose __init__ takes four arguments but leaves args empty, so the parent cannot rebuild it and map() never returns.
import sys
from multiprocessing import Pool
from xmlrpc.client import ProtocolError

MIRRORS = {
    "https://pypi.example.invalid/pypi": 200,
    "https://mirror.example.invalid/pypi": 503,
}


def fake_transport(url):
    # stands in for ServerProxy(url).list_packages(); the status decides the outcome
    return MIRRORS[url]


def check_mirror(url):
    status = fake_transport(url)
    if status != 200:
        raise ProtocolError(url, status, "Service Unavailable", {})
    return url


def main():
    with Pool(2) as pool:
        try:
            ok = pool.map(check_mirror, sorted(MIRRORS))
        except ProtocolError as exc:
            print("mirror failed: %s" % exc)
            return 1
    print("RESULT=%d" % len(ok))
    return 0


if __name__ == "__main__":
    sys.exit(main())

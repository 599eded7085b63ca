# family: results
# hazard: unpicklable-exception
# line: 18
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# timeout: 8
# note: Reduced from https://github.com/python/cpython/issues/93542 ("Can't use XMLRPC errors with multiprocessing and pickle": a Pool task raising xmlrpc.client.ProtocolError("1", 2, "3", {}) freezes the pool, because the stdlib exception cannot be rebuilt from its args). The report's script ran Pool(1).map unguarded at module level; the guard is added here so only the exception hazard remains. Kept: the real stdlib exception class and map over two items; the task is a small fetcher that raises it for an HTTP 502.
"""Fetch RPC endpoints in a pool; a gateway error is raised as ProtocolError."""
import sys
from multiprocessing import Pool
from xmlrpc.client import ProtocolError

RESPONSES = {"A": (200, "pong"), "5": (502, "Bad Gateway")}


def raise_error(endpoint):
    status, body = RESPONSES[str(endpoint)]
    if status != 200:
        raise ProtocolError("http://rpc.invalid/%s" % endpoint, status, body, {})
    return body


if __name__ == "__main__":
    with Pool(1) as pool:
        try:
            print(pool.map(raise_error, ["A", 5]))
        except ProtocolError as err:
            print("RESULT=%s" % err.errcode)
    sys.exit(0)

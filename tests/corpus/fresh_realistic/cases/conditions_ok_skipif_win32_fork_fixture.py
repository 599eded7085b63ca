# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/tadata-org/fastapi_mcp/pull/332 (a test fixture starts the app in a subprocess via `multiprocessing.get_context("fork")`, "fork was chosen over spawn to avoid pickling the FastAPI app"; the module is skipped on Windows with a skipif marker). The server target is a nested closure, but it only ever runs through the fork context, and the test is skipped where fork does not exist.
"""Integration tests: run the echo server in a forked child and talk to it."""
import multiprocessing
import os
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs os.fork")


def make_app(greeting):
    def app(conn):
        while True:
            msg = conn.recv()
            if msg is None:
                break
            conn.send(f"{greeting}, {msg}")
    return app


@pytest.fixture
def server():
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=make_app("hello"), args=(child,), daemon=True)
    proc.start()
    yield parent
    parent.send(None)
    proc.join(5)


def test_echo(server):
    server.send("world")
    assert server.recv() == "hello, world"


def test_two_messages(server):
    for name in ("a", "b"):
        server.send(name)
        assert server.recv() == f"hello, {name}"


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider", "-c", os.devnull,
                          "--rootdir", here, "--confcutdir", here]))

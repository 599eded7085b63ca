"""An SSL socket does not cross a process boundary, although a plain socket does (FreeTAKTeam/FreeTakServer #164,
fresh_reports25 fts164: the client record put on a multiprocessing queue holds the client's TLS socket, "TypeError:
cannot pickle 'SSLSocket' object" in the queue's feeder thread, under every start method). multiprocessing's
ForkingPickler registers its socket reducer for `socket.socket` itself; `ssl.SSLSocket`, a subclass, falls back to
`socket.__getstate__`, which refuses it. The pickle catalog measured it (`ssl.SSLSocket`, made by
`<SSLContext>.wrap_socket` and `ssl.wrap_socket`): no code names the class.

Near misses: the plain socket (ForkingPickler hands its descriptor over), a picklable summary of the connection,
and a plain value read from the context (`ctx.verify_mode`)."""
import pytest
from helpers import assert_outcome, found, run_program

from mpguard.semantic.pickle_catalog import refused_method
from test_semantic_crossmodule import findings, project


def test_the_catalog_knows_what_wrap_socket_makes():
    what, error = refused_method("SSLContext", "wrap_socket")
    assert what == "ssl.SSLSocket object" and "cannot pickle 'SSLSocket' object" in error


QUEUED = """
    import multiprocessing
    import socket
    import ssl


    def consume(q):
        item = q.get(timeout=5)
        print("RESULT=%s" % type(item).__name__)


    def main():
        q = multiprocessing.Queue()
        proc = multiprocessing.Process(target=consume, args=(q,))
        proc.start()
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tls = ctx.wrap_socket(raw, server_hostname="example.org", do_handshake_on_connect=False)
        plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # (wrap_socket detached `raw`)
        q.put(SENT)
        proc.join()
        return proc.exitcode


    if __name__ == "__main__":
        raise SystemExit(main())
"""

QUEUED_CASES = {"tls": True, "plain": False, "tls.server_hostname": False, "ctx.verify_mode": False}


@pytest.mark.parametrize("sent", sorted(QUEUED_CASES))
def test_put_on_a_queue(sent):
    src = QUEUED.replace("SENT", sent)
    got = found(src, "MP210")
    if QUEUED_CASES[sent]:
        assert got and "cannot pickle 'SSLSocket' object" in got[0].message and got[0].start.row == 21
    else:
        assert got == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("sent", ["tls", "plain"])
def test_put_on_a_queue_runtime(tmp_path, sent, method):
    path = tmp_path / "main.py"
    path.write_text(__import__("textwrap").dedent(QUEUED.replace("SENT", sent)))
    out = run_program(path, method, timeout=30)
    if QUEUED_CASES[sent]:  # the feeder thread prints the error and drops the item: the consumer's get() times out
        assert "cannot pickle 'SSLSocket' object" in out.stderr and "RESULT=" not in out.stdout, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT=socket")


NET = """
    import socket
    import ssl
    from dataclasses import dataclass


    @dataclass
    class Connection:
        host: str
        sock: object = None


    def open_channel(host):
        context = ssl.create_default_context()
        return context.wrap_socket(socket.socket(), server_hostname=host, do_handshake_on_connect=False)


    def connect(host, secure=True):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if secure:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            sock = context.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
        return Connection(host, sock)
"""

NET_MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from net.links import connect


    def describe(link):
        return link.host


    if __name__ == "__main__":
        with ProcessPoolExecutor(1) as pool:
            link = connect("example.org"SECURE)
            print(pool.submit(describe, link).result())
"""


@pytest.mark.parametrize("secure, refused", [("", True), (", secure=False", False)])
def test_returned_by_another_modules_helper_under_its_default(tmp_path, secure, refused):
    """The socket is wrapped only under a parameter's condition (default True): a call that leaves it to its
    default sends the SSL socket, one passing False a plain one (which ForkingPickler hands over)."""
    root = project(tmp_path, {"net/__init__.py": "", "net/links.py": NET,
                              "main.py": NET_MAIN.replace("SECURE", secure)})
    got = findings(root / "main.py", "MP203")
    if refused:
        assert got and "SSLSocket" in got[0].message, got
    else:
        assert got == []


CHANNEL_MAIN = """
    import multiprocessing

    from net.links import open_channel


    def ping(channel):
        return channel.server_hostname


    if __name__ == "__main__":
        proc = multiprocessing.Process(target=ping, args=(open_channel("example.org"),))
        proc.start()
        proc.join()
"""


def test_returned_by_a_helper_as_a_process_argument(tmp_path):
    """What another module's helper returns, `context.wrap_socket(...)`: refused as a Process argument under spawn and
    forkserver (fork hands the arguments over without pickling)."""
    root = project(tmp_path, {"net/__init__.py": "", "net/links.py": NET, "main.py": CHANNEL_MAIN})
    [got] = findings(root / "main.py", "MP203")
    assert "what net.links.open_channel() returns" in got.message and "SSLSocket" in got.message
    assert got.start_methods == {"spawn", "forkserver"}

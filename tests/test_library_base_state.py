"""Objects of a class deriving from a standard-library class that pickle refuses: socketserver's servers keep a
threading.Event (and a socket) from BaseServer.__init__ (the pickle catalog asked each Python), so a server handed to a
child, or its inherited `serve_forever` as a Process target, fails under spawn and forkserver (praw #586; fresh_reports4
callable_praw_tcpserver_serve_forever, run under the three methods). A ThreadPoolExecutor held by such an object fails
the same way (its SimpleQueue; fresh_realistic2b object_metrics_service_executor_attr)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

SERVER = """
import multiprocessing
import socketserver


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True


def serve_in_child():
    Server(("localhost", 0), Handler).serve_forever()


if __name__ == "__main__":
    server = Server(("localhost", 0), Handler)
    p = multiprocessing.Process({how})
    p.start()
"""


def findings(source: str, code: str) -> list:
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == code]


@pytest.mark.parametrize("how, code", [("target=server.serve_forever", "MP201"),
                                       ("target=socketserver.BaseServer.serve_forever, args=(server,)", "MP203")])
def test_a_server_object_crossing(how, code):
    [finding] = findings(SERVER.replace("{how}", how), code)
    assert "socketserver.TCPServer subclass" in finding.message and "_thread.lock" in finding.message


def test_the_server_made_in_the_child():
    source = SERVER.replace("{how}", "target=serve_in_child")
    assert findings(source, "MP201") == [] and findings(source, "MP203") == []


def test_an_executor_kept_by_an_object_crossing():
    source = """
        import multiprocessing
        from concurrent.futures import ThreadPoolExecutor

        class Metrics:
            def __init__(self):
                self.exporters = ThreadPoolExecutor(2)

            def collect(self):
                pass

        if __name__ == "__main__":
            p = multiprocessing.Process(target=Metrics().collect)
            p.start()
    """
    [finding] = findings(source, "MP201")
    assert "ThreadPoolExecutor" in finding.message

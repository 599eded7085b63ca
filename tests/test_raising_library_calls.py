"""Library calls that raise an exception the pickle catalog saw fail to cross (an exception entry's `raised_by`,
semantic/library_raises, rules/raising_library_calls; fresh_libs14: httpx PR #3207, gwpy PR #419).

- `xml.sax.parse(...)` / `xml.sax.parseString(...)` raise, on malformed XML, a SAXParseException that keeps its
  parser's source: pickle refuses it (`cannot pickle '_io.BufferedReader'`, or `I/O operation on closed file`).
- httpx's `response.raise_for_status()` raises an HTTPStatusError whose `request` and `response` are keyword-only
  arguments its `args` do not hold: the copy cannot be rebuilt (BrokenProcessPool).
- `urllib.request.urlopen(url)` raises, for a 4xx/5xx answer, an HTTPError that keeps the response's socket file:
  pickle refuses it (a Pool's map raises MaybeEncodingError instead).
Each is MP208 where a task lets it out (also through a helper of another module), or where a handler puts the
caught exception (alone or in a tuple) on a queue. Near misses: a handler on the way (by the class, a base read by
the probe: `except httpx.HTTPError`, `except SAXException`), a module that does not import httpx, a method of the
program's own object. Runtime proofs under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program, skip_without
from test_semantic_crossmodule import findings, project

from mpguard.semantic.pickle_catalog import exception_raisers

METHODS = ["fork", "spawn", "forkserver"]


def test_the_catalog_names_the_raising_calls():
    raisers = exception_raisers()
    assert raisers["xml.sax.parse"][0] == "xml.sax.SAXParseException" and raisers["xml.sax.parse"][3] is True
    status = raisers["httpx.<Response>.raise_for_status"]
    assert status[0] == "httpx.HTTPStatusError" and status[3] is False and "keyword-only" in status[1]
    assert "HTTPError" in status[2] and "SAXException" in raisers["xml.sax.parseString"][2]


SAX_POOL = '''
    import multiprocessing
    from xml import sax


    class Rows(sax.ContentHandler):
        def __init__(self):
            super().__init__()
            self.rows = 0

        def startElement(self, name, attrs):
            self.rows += name == "row"


    def count(doc):
        rows = Rows()
        {body}
        return rows.rows


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            try:
                print("RESULT=%s" % pool.map(count, [b"<t><row/></t>", b"<t><row>"]))
            except Exception as exc:
                print("RESULT=failed", type(exc).__name__, exc)
                raise
'''

PARSED = "sax.parseString(doc, rows)"
GUARDED = '''try:
            sax.parseString(doc, rows)
        except sax.SAXException as exc:
            raise ValueError(str(exc)) from None'''


def test_sax_parse_in_a_pool_task():
    (finding,) = found(textwrap.dedent(SAX_POOL.format(body=PARSED)), "MP208")
    assert "SAXParseException" in finding.message and finding.start.row == 17


def test_near_miss_sax_error_turned_into_a_plain_one():
    assert found(textwrap.dedent(SAX_POOL.format(body=GUARDED)), "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_sax_error_from_a_pool_task(tmp_path, method):
    path = tmp_path / "rows.py"
    path.write_text(textwrap.dedent(SAX_POOL.format(body=PARSED)))
    assert_outcome(run_program(path, method, timeout=30), True, ("MaybeEncodingError", "closed file"), "")
    path.write_text(textwrap.dedent(SAX_POOL.format(body=GUARDED)))
    out = run_program(path, method, timeout=30)
    assert out.returncode != 0 and "ValueError" in out.stderr and "MaybeEncodingError" not in out.stderr, out.stderr


SAX_QUEUE = '''
    import multiprocessing
    import queue
    import xml.sax


    def read_all(paths, results):
        for path in paths:
            try:
                xml.sax.parse(path, xml.sax.ContentHandler())
                results.put((path, None))
            except {caught} as exc:
                results.put((path, {sent}))


    if __name__ == "__main__":
        import os, tempfile
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "cut.xml")
        with open(path, "w") as f:
            f.write("<log><entry>")
        results = multiprocessing.Queue()
        reader = multiprocessing.Process(target=read_all, args=([path], results))
        reader.start()
        try:
            print("RESULT=%s" % (results.get(timeout=10),))
        except queue.Empty:
            print("RESULT=lost")
        reader.join()
'''


def test_sax_error_put_on_a_queue_in_a_tuple():
    (finding,) = found(textwrap.dedent(SAX_QUEUE.format(caught="Exception", sent="exc")), "MP208")
    assert "feeder thread" in finding.message and finding.start.row == 13


@pytest.mark.parametrize("caught, sent", [("ValueError", "exc"), ("xml.sax.SAXParseException", "str(exc)"),
                                          ("Exception", "exc.getException()")])
def test_near_misses_queue(caught, sent):
    assert found(textwrap.dedent(SAX_QUEUE.format(caught=caught, sent=sent)), "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_sax_error_on_a_queue(tmp_path, method):
    path = tmp_path / "logs.py"
    path.write_text(textwrap.dedent(SAX_QUEUE.format(caught="Exception", sent="exc")))
    out = run_program(path, method, timeout=40)
    # (the feeder thread's TypeError is printed only when the writer is not exiting yet: the item is lost either way)
    assert "RESULT=lost" in out.stdout, out.stderr
    path.write_text(textwrap.dedent(SAX_QUEUE.format(caught="Exception", sent="exc.getException()")))
    assert_outcome(run_program(path, method, timeout=40), False, "", "ExpatError")


STATUS = '''
    import httpx


    def _answer(request):
        return httpx.Response(503 if "down" in request.url.host else 200, text="ok")


    def get_status(url):
        with httpx.Client(transport=httpx.MockTransport(_answer)) as client:
            reply = client.get(url)
        {check}
        return reply.status_code
'''

RAISE = "reply.raise_for_status()"
HANDLED = '''try:
            reply.raise_for_status()
        except httpx.HTTPError:
            return -1'''

POLL = '''
    from concurrent.futures import ProcessPoolExecutor

    from feeds.status import get_status


    def poll(host):
        return host, get_status(f"https://{host}/health")


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as executor:
            print("RESULT=%s" % sorted(executor.map(poll, ["up.example", "down.example"])))
'''


def _feeds(tmp_path, check):
    return project(tmp_path, {"feeds/__init__.py": "", "feeds/status.py": STATUS.format(check=check), "poll.py": POLL})


def test_raise_for_status_through_another_module(tmp_path):
    root = _feeds(tmp_path, RAISE)
    (finding,) = [f for f in findings(root / "poll.py", "MP208") if f.start.row == 8]
    assert "HTTPStatusError" in finding.message and "keyword-only" in finding.message


def test_near_miss_handled_by_a_base(tmp_path):
    assert findings(_feeds(tmp_path, HANDLED) / "poll.py", "MP208") == []


OWN_METHOD = '''
    from concurrent.futures import ProcessPoolExecutor
    {imports}

    class Reply:
        def raise_for_status(self):
            raise ValueError("bad")


    def check(code):
        reply = Reply()
        reply.raise_for_status()
        return code


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as executor:
            print(list(executor.map(check, [1])))
'''


@pytest.mark.parametrize("imports", ["", "import requests"])
def test_near_miss_a_method_of_that_name_elsewhere(imports):
    """Without httpx imported, `raise_for_status` is some other object's method (requests', the program's own)."""
    assert found(textwrap.dedent(OWN_METHOD.format(imports=imports)), "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_raise_for_status_breaks_the_executor(tmp_path, method):
    skip_without("httpx")
    root = _feeds(tmp_path, RAISE)
    assert_outcome(run_program(root / "poll.py", method, cwd=root), True, "BrokenProcessPool", "")
    root = _feeds(tmp_path / "handled", HANDLED)
    assert_outcome(run_program(root / "poll.py", method, cwd=root), False, "", "('down.example', -1)")


URLOPEN = '''
    import http.server
    import threading
    import urllib.request
    from multiprocessing import Pool
    from urllib.error import URLError


    class Missing(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass


    def fetch(url):
        {body}


    if __name__ == "__main__":
        server = http.server.HTTPServer(("127.0.0.1", 0), Missing)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with Pool(1) as pool:
            print("RESULT=%s" % pool.map(fetch, [f"http://127.0.0.1:{{server.server_port}}/page"]))
        server.shutdown()
'''

OPENED = "with urllib.request.urlopen(url, timeout=10) as reply:\n            return reply.read()"


def test_urlopen_in_a_pool_task():
    (finding,) = found(textwrap.dedent(URLOPEN.format(body=OPENED)), "MP208")
    assert "HTTPError" in finding.message and finding.start.row == 20


@pytest.mark.parametrize("caught", ["IOError", "URLError", "OSError", "urllib.error.HTTPError", "Exception"])
def test_near_miss_urlopen_error_handled(caught):
    body = f"try:\n            {OPENED.replace(chr(10), chr(10) + '    ')}\n        except {caught}:\n            return b''"
    assert found(textwrap.dedent(URLOPEN.format(body=body)), "MP208") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_urlopen_error_from_a_pool_task(tmp_path, method):
    path = tmp_path / "pages.py"
    path.write_text(textwrap.dedent(URLOPEN.format(body=OPENED)))
    assert_outcome(run_program(path, method, timeout=30), True, ("MaybeEncodingError", "cannot pickle"), "")
    body = f"try:\n            {OPENED.replace(chr(10), chr(10) + '    ')}\n        except URLError as exc:\n            return str(exc)"
    path.write_text(textwrap.dedent(URLOPEN.format(body=body)))
    assert_outcome(run_program(path, method, timeout=30), False, "", "HTTP Error 404")


RERAISED = '''try:
            sax.parseString(doc, rows)
        except sax.SAXParseException:
            raise'''


def test_reraised_by_its_class_is_one_finding():
    """the handler's re-raise is the task's finding; the call inside its try is not a second one"""
    (finding,) = found(textwrap.dedent(SAX_POOL.format(body=RERAISED)), "MP208")
    assert "SAXParseException" in finding.message


READER = '''
    from xml import sax


    def count_rows(path):
        handler = sax.ContentHandler()
        sax.parse(path, handler)
        return 1
'''

SCAN = '''
    import multiprocessing

    from logs.reader import count_rows


    def scan(paths):
        with multiprocessing.Pool(2) as pool:
            return pool.map(count_rows, paths)
'''


def test_the_finding_through_another_module_quotes_the_exceptions_error(tmp_path):
    root = project(tmp_path, {"logs/__init__.py": "", "logs/reader.py": READER, "scan.py": SCAN})
    (finding,) = findings(root / "scan.py", "MP208")
    assert finding.start.row == 9 and "SAXParseException" in finding.message
    assert "JobError" not in str(finding.error) and "cannot pickle" in str(finding.error)

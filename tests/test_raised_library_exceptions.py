"""MP208 for a cataloged library exception raised by a helper of another project module that a pool task calls
(linter/raise_paths reads the pickle catalog through semantic/library_exceptions): view-finding-network #10's
`urllib.error.HTTPError` raised by a download helper. The parent cannot rebuild such an exception (its `args` miss
what __init__ needs) or pickle refuses it (lxml's, holding their error log). A handler naming the class or one
of its real bases (`except URLError`, `except OSError`, `except xmlrpc.client.Error`) stops it on the way."""
from __future__ import annotations

import pytest
from helpers import assert_outcome, codes, run_program

from test_semantic_crossmodule import findings, project

RPC = """
    import xmlrpc.client


    def call(url, fail):
        if fail:
            raise xmlrpc.client.ProtocolError(url, 502, "Bad Gateway", {})
        return url.upper()
"""

TASK = """
    import xmlrpc.client
    from concurrent.futures import ProcessPoolExecutor

    from kit import rpc


    def job(url):
        BODY


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as pool:
            print(list(pool.map(job, ["a", "b"])))
"""


def _mp208(tmp_path, body: str, helper: str = RPC) -> list:
    root = project(tmp_path, {"kit/__init__.py": "", "kit/rpc.py": helper,
                              "main.py": TASK.replace("BODY", body)})
    return findings(root / "main.py", "MP208")


def test_raised_by_a_helper_of_another_module(tmp_path):
    found = _mp208(tmp_path, "return rpc.call(url, True)")
    assert found and "ProtocolError" in found[0].message


@pytest.mark.parametrize("handler", ["xmlrpc.client.ProtocolError", "xmlrpc.client.Error", "Exception"])
def test_caught_by_its_class_or_a_base_in_the_task(tmp_path, handler):
    body = f"try:\n            return rpc.call(url, True)\n        except {handler}:\n            return None"
    assert _mp208(tmp_path, body) == []


def test_a_rebuildable_standard_exception_is_silent(tmp_path):
    helper = RPC.replace('xmlrpc.client.ProtocolError(url, 502, "Bad Gateway", {})', "ValueError(url)")
    assert _mp208(tmp_path, "return rpc.call(url, True)", helper) == []


def test_a_url_error_caught_as_os_error(tmp_path):
    helper = """
        import urllib.error


        def fetch(url):
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
    """
    assert _mp208(tmp_path, "return rpc.fetch(url)", helper)
    body = "try:\n            return rpc.fetch(url)\n        except OSError as exc:\n            return str(exc)"
    assert _mp208(tmp_path / "caught", body, helper) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_helper_raising_http_error(tmp_path, method):
    """The worker pickles the HTTPError; the parent calls HTTPError(*args) with too few arguments and the
    executor breaks, under every start method."""
    helper = """
        import io
        import urllib.error


        def fetch(url):
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, io.BytesIO(b"gone"))
    """
    root = project(tmp_path, {"kit/__init__.py": "", "kit/rpc.py": helper,
                              "main.py": TASK.replace("BODY", "return rpc.fetch(url)")})
    assert_outcome(run_program(root / "main.py", method, timeout=30, cwd=root), True, "BrokenProcessPool", "")


LOCAL = """
    import urllib.error
    from concurrent.futures import ProcessPoolExecutor


    def job(url):
        try:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        except HANDLER as exc:
            return str(exc)


    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as pool:
            print(list(pool.map(job, ["a"])))
"""


@pytest.mark.parametrize("handler", ["OSError", "IOError", "urllib.error.URLError"])
def test_a_raise_in_the_task_caught_by_a_real_base(handler):
    assert "MP208" not in codes(LOCAL.replace("HANDLER", handler))


def test_a_raise_in_the_task_caught_by_an_unrelated_class_still_leaves():
    assert "MP208" in codes(LOCAL.replace("HANDLER", "KeyError"))

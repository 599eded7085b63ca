"""MP208 follows an exception only while it escapes the task: a handler that stops it on the way means it never
crosses back to the parent (CPython #93542: wrapping xmlrpc's ProtocolError in a one-message exception is the
workaround; fresh_reports4 results_ok_xmlrpc_error_wrapped / results_xmlrpc_protocolerror_raised_in_pool run both)."""
import textwrap

import pytest

from helpers import sent_back_copy
from mpguard.linter.analyze import analyze

TASK = """
import sys
from multiprocessing import Pool
from xmlrpc.client import ProtocolError


class MirrorError(Exception):
    pass


def transport(url):
    raise ProtocolError(url, 503, "Service Unavailable", dict())


def check(url):
    try:
        transport(url)
    except {caught} as exc:
        {handler}
    return url


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(check, ["https://a.invalid"]))
"""


def mp208(source: str) -> list:
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP208" and not sent_back_copy(f)]


@pytest.mark.parametrize("caught, handler", [
    ("ProtocolError", 'raise MirrorError("%s: %s" % (exc.url, exc.errcode)) from None'),
    ("Exception", "raise MirrorError(str(exc))"),
    ("(KeyError, ProtocolError)", "return None"),
    ("xmlrpc.client.ProtocolError", "return None"),
])
def test_an_exception_stopped_by_the_task_never_crosses(caught, handler):
    assert mp208(TASK.replace("{caught}", caught).replace("{handler}", handler)) == []


@pytest.mark.parametrize("caught, handler", [
    ("ProtocolError", "raise"),  # re-raised as it is
    ("ProtocolError", "raise exc from None"),
    ("KeyError", "return None"),  # another class: it escapes
    ("OSError", "return None"),  # a base this module does not show: assumed not to match
])
def test_an_exception_the_handler_lets_through_is_still_reported(caught, handler):
    [finding] = mp208(TASK.replace("{caught}", caught).replace("{handler}", handler))
    assert "ProtocolError" in finding.message


def test_a_module_class_caught_by_its_base():
    source = """
        from concurrent.futures import ProcessPoolExecutor

        class FetchFailed(Exception):
            pass

        class HttpError(FetchFailed):
            def __init__(self, url, status):
                super().__init__(f"{url}: {status}")
                self.url, self.status = url, status

        def fetch(url):
            raise HttpError(url, 500)

        def task(url):
            try:
                return fetch(url)
            except FetchFailed:
                return None

        def bare(url):
            return fetch(url)

        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                print(list(ex.map({task}, ["u"])))
    """
    assert mp208(source.replace("{task}", "task")) == []
    [finding] = mp208(source.replace("{task}", "bare"))
    assert "HttpError" in finding.message


def test_a_raise_caught_in_its_own_function():
    source = """
        from multiprocessing import Pool
        from xmlrpc.client import ProtocolError

        def check(url):
            try:
                raise ProtocolError(url, 503, "down", {})
            except ProtocolError:
                return None

        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(check, ["u"]))
    """
    assert mp208(source) == []
    assert len(mp208(source.replace("except ProtocolError:", "except ValueError:"))) == 1

"""A library base class whose pickling keeps a list of attributes and whose __setstate__ calls a method the
subclass overrides (semantic/library_rebuild.py, data/base_dispatch.json `rebuilds`): requests' HTTPAdapter keeps
`__attrs__` and calls `init_poolmanager`, so an SSLAdapter whose override reads `self.ssl_version` (set in
__init__, not listed) fails while the child unpickles the session it is mounted on (requests/toolbelt#34,
fresh_libs8 toolbelt34). `Session.mount` keeps the adapter in the session's pickled `adapters`
(data/boundaries.json `pickled_state` storing_methods). The analysis never imports requests; the runtime test
runs it in a subprocess."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, methods, run_program, skip_without

PROGRAM = """
    import multiprocessing as mp
    import ssl

    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.poolmanager import PoolManager


    class SSLAdapter(HTTPAdapter):
        ATTRS

        def __init__(self, ssl_version=None, **kwargs):
            self.ssl_version = ssl_version
            super().__init__(**kwargs)

        def init_poolmanager(self, connections, maxsize, block=False):
            PREPARE
            self.poolmanager = PoolManager(num_pools=connections, maxsize=maxsize, block=block,
                                           ssl_minimum_version=self.ssl_version or ssl.TLSVersion.TLSv1_2)


    def crawl(session):
        print("RESULT=%s" % session.get_adapter("https://x.test/").ssl_version.name)


    def main():
        session = requests.Session()
        MOUNT
        p = mp.Process(target=crawl, args=(session,))
        p.start()
        p.join()
        raise SystemExit(p.exitcode)


    if __name__ == "__main__":
        main()
"""

MOUNTED = 'session.mount("https://x.test", SSLAdapter(ssl.TLSVersion.TLSv1_2))'


def program(attrs="pass", prepare="pass", mount=MOUNTED):
    return textwrap.dedent(PROGRAM).replace("ATTRS", attrs).replace("PREPARE", prepare).replace("MOUNT", mount)


def test_an_attribute_the_rebuild_reads_but_pickling_drops():
    hits = found(program(), "MP203")
    assert [f.start.row for f in hits] == [30] and "ssl_version" in hits[0].message
    assert "AttributeError: 'SSLAdapter' object has no attribute 'ssl_version'" in hits[0].message
    assert "fork" not in methods(program(), "MP203")  # Process args are not pickled under fork


def test_mounted_by_keyword_is_found_too():
    assert found(program(mount='session.mount(prefix="https://x.test", adapter=SSLAdapter(ssl.TLSVersion.TLSv1_2))'),
                 "MP203")


@pytest.mark.parametrize("attrs, prepare, mount", [
    ('__attrs__ = HTTPAdapter.__attrs__ + ["ssl_version"]', "pass", MOUNTED),  # the fix: listed
    ('__attrs__ = ["max_retries", "config", "_pool_connections", "_pool_maxsize", "_pool_block", "ssl_version"]',
     "pass", MOUNTED),
    ("ssl_version = None", "pass", MOUNTED),  # a class attribute: found on the class when rebuilt
    ("pass", 'self.ssl_version = getattr(self, "ssl_version", None)', MOUNTED),  # the override sets it itself
    ("pass", "pass", "SSLAdapter(ssl.TLSVersion.TLSv1_2)"),  # not mounted: not in what crosses
    ("__attrs__ = make_attrs()", "pass", MOUNTED),  # a list we cannot read: unsure
    ("def __getstate__(self):\n            return dict(self.__dict__)\n\n        def __setstate__(self, state):\n"
     "            self.__dict__.update(state)", "pass", MOUNTED),  # the class pickles itself
])
def test_near_misses_stay_silent(attrs, prepare, mount):
    assert found(program(attrs, prepare, mount), "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("fixed", [False, True])
def test_runtime_the_session_rebuilt_in_the_child(tmp_path, method, fixed):
    skip_without("requests")
    src = program('__attrs__ = HTTPAdapter.__attrs__ + ["ssl_version"]') if fixed else program()
    assert bool(found(src, "MP203")) is not fixed
    path = tmp_path / "prog.py"
    path.write_text(src)
    out = run_program(path, method)
    if method == "fork" or fixed:
        assert_outcome(out, False, None, "")
        assert out.returncode == 0, out.stderr
    else:
        assert out.returncode != 0 and "object has no attribute 'ssl_version'" in out.stderr, out.stderr


ADAPTER = '''
import ssl

from requests.adapters import HTTPAdapter
from urllib3.poolmanager import PoolManager


class SSLAdapter(HTTPAdapter):
    ATTRS

    def __init__(self, ssl_version=None, **kwargs):
        self.ssl_version = ssl_version
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False):
        self.poolmanager = PoolManager(num_pools=connections, maxsize=maxsize, block=block,
                                       ssl_minimum_version=self.ssl_version or ssl.TLSVersion.TLSv1_2)
'''

CRAWLER = '''
import multiprocessing as mp
import ssl

import requests

from tlsadapter import SSLAdapter


def make_session():
    session = requests.Session()
    session.mount("https://x.test", SSLAdapter(ssl.TLSVersion.TLSv1_2))
    return session


def crawl(session):
    print("RESULT=%s" % session.get_adapter("https://x.test/").ssl_version.name)


if __name__ == "__main__":
    p = mp.Process(target=crawl, args=(make_session(),))
    p.start()
    p.join()
'''


@pytest.mark.parametrize("attrs, hazard", [("pass", True), ('__attrs__ = HTTPAdapter.__attrs__ + ["ssl_version"]', False)])
def test_an_adapter_class_of_another_module(tmp_path, attrs, hazard):
    from mpguard.linter.analyze import analyze
    from mpguard.linter.summaries import SUMMARIZER
    from mpguard.resolve.project import ProjectResolver

    (tmp_path / "tlsadapter.py").write_text(ADAPTER.replace("ATTRS", attrs))
    script = tmp_path / "crawler.py"
    script.write_text(CRAWLER)
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    hits = [f for f in analyze(CRAWLER, path=str(script), resolver=resolver).findings if f.code == "MP203"]
    assert [f.start.row for f in hits] == ([21] if hazard else [])


def test_the_catalog_lists_the_installed_adapter_attrs():
    import json
    import subprocess
    import sys

    from mpguard.semantic.catalog_files import catalog_file

    skip_without("requests")
    out = subprocess.run([sys.executable, "-c", "import json, requests.adapters as a; "
                          "print(json.dumps(a.HTTPAdapter.__attrs__))"], capture_output=True, text=True, timeout=60,
                         check=True)
    entry = catalog_file("base_dispatch.json")["rebuilds"]["requests.adapters.HTTPAdapter"]
    assert set(entry["attributes"]) == set(json.loads(out.stdout))

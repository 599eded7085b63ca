"""A library base-class method that calls another method of the same object, which a project subclass overrides
(semantic/base_dispatch.py, data/base_dispatch.json): `session.get(url, background_callback=...)` on a
requests.Session subclass runs `Session.get`, which calls `self.request("GET", url, **kwargs)`, the subclass's
override (fresh_libs8 requestsfutures31: requests-futures' FuturesSession submitting the callback to a process
pool). The analysis never imports requests; the runtime test runs it in a subprocess."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, found, run_program, skip_without

PROGRAM = """
    from concurrent.futures import ProcessPoolExecutor

    import requests


    def fetch_offline(callback, method, url):
        return callback(method, url) if callback is not None else len(url)


    def page_size(method, url):
        return len(method) + len(url)


    class PoolSession(requests.Session):
        def __init__(self, executor):
            super().__init__()
            self.executor = executor

        def request(self, method, url, **kwargs):
            callback = kwargs.pop("background_callback", None)
            return self.executor.submit(fetch_offline, callback, method, url)


    def main():
        session = PoolSession(ProcessPoolExecutor(max_workers=2))
        futures = [CALL for n in range(3)]
        print("RESULT=%d" % len([f.result() for f in futures]))
        session.executor.shutdown()


    if __name__ == "__main__":
        main()
"""

LAMBDA_GET = 'session.get("https://api.test/%d" % n, background_callback=lambda m, u: len(u))'


def program(call=LAMBDA_GET, executor="ProcessPoolExecutor"):
    return textwrap.dedent(PROGRAM).replace("CALL", call).replace("ProcessPoolExecutor", executor)


@pytest.mark.parametrize("call", [
    LAMBDA_GET,
    'session.post("https://api.test/%d" % n, json={}, background_callback=lambda m, u: 1)',
    'session.post("https://api.test/%d" % n, {"a": 1}, None, background_callback=lambda m, u: 1)',
    'session.delete(url="https://api.test/%d" % n, background_callback=lambda m, u: 1)',
    'session.request("GET", "https://api.test/%d" % n, background_callback=lambda m, u: 1)',  # (as before)
])
def test_an_inherited_method_runs_the_subclass_override(call):
    hits = found(program(call), "MP201")
    assert hits and all("lambda" in f.message for f in hits)


@pytest.mark.parametrize("call", [
    'session.get("https://api.test/%d" % n, background_callback=page_size)',  # a module-level callback
    'session.get("https://api.test/%d" % n)',
    # more positional arguments than Session.get takes: a TypeError there, not a call of the override
    'session.get("https://api.test/%d" % n, None, background_callback=lambda m, u: 1)',
    # a method the catalog does not list (`Session.send` takes a prepared request)
    'session.send("https://api.test/%d" % n, background_callback=lambda m, u: 1)',
])
def test_near_misses_stay_silent(call):
    assert "MP201" not in codes(program(call))


def test_a_thread_pool_behind_the_override_is_fine():
    assert "MP201" not in codes(program(executor="ThreadPoolExecutor"))


def test_a_subclass_defining_the_method_itself_runs_its_own():
    src = program().replace("    def request(self, method, url, **kwargs):",
                            "    def get(self, url, **kwargs):\n            return len(url)\n\n"
                            "        def request(self, method, url, **kwargs):")
    assert "MP201" not in codes(src)


def test_a_base_the_catalog_does_not_know_is_not_followed():
    src = program().replace("class PoolSession(requests.Session):", "class PoolSession(requests.adapters.HTTPAdapter):")
    assert "MP201" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hazard", [True, False])
def test_runtime_the_callback_crosses_through_the_override(tmp_path, method, hazard):
    skip_without("requests")
    call = LAMBDA_GET if hazard else 'session.get("https://api.test/%d" % n, background_callback=page_size)'
    src = program(call)
    assert ("MP201" in codes(src)) is hazard
    path = tmp_path / "prog.py"
    path.write_text(src)
    out = run_program(path, method)
    assert_outcome(out, hazard, ("Can't pickle local object", "Can't get local object", "cannot pickle"), "RESULT=3")

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
    'session.get("https://api.test/%d" % n, None, None, background_callback=lambda m, u: 1)',
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


# --- another module's subclass, its executor given to the constructor (requests-futures' FuturesSession) -------

# (requests-futures names ProcessPoolExecutor itself, as this helper does: a module naming no process API is
# not summarised for sinks at all, linter/reach.may_give)
FUTURES = '''
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial

from requests import Session


def wrap(background_callback, method, url, **kwargs):
    return background_callback(method, url)


class FuturesSession(Session):
    def __init__(self, executor=None, max_workers=2):
        super().__init__()
        if executor is None:
            executor = ThreadPoolExecutor(max_workers=max_workers)
        self.executor = executor

    def request(self, method, url, **kwargs):
        background_callback = kwargs.pop("background_callback", None)
        return self.executor.submit(partial(wrap, background_callback), method, url, **kwargs)
'''

CLIENT = '''
from concurrent.futures import ProcessPoolExecutor

from futsession import FuturesSession


def page_size(method, url):
    return len(method) + len(url)


class Client:
    def __init__(self, session):
        self.session = session

    def fetch_all(self, n):
        return [self.session.get("https://api.test/%d" % i, background_callback=CALLBACK) for i in range(n)]


def main():
    session = FuturesSession(EXECUTOR)
    print("RESULT=%d" % len([f.result() for f in Client(session).fetch_all(3)]))
    session.executor.shutdown()


if __name__ == "__main__":
    main()
'''

LAMBDA = "lambda m, u: len(u)"


def _project(tmp_path, callback=LAMBDA, executor="ProcessPoolExecutor(max_workers=2)"):
    from mpguard.linter.analyze import analyze
    from mpguard.linter.summaries import SUMMARIZER
    from mpguard.resolve.project import ProjectResolver

    (tmp_path / "futsession.py").write_text(FUTURES)
    src = CLIENT.replace("CALLBACK", callback).replace("EXECUTOR", executor)
    script = tmp_path / "client.py"
    script.write_text(src)
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    return script, [f for f in analyze(src, path=str(script), resolver=resolver).findings if f.code == "MP201"]


def test_another_modules_subclass_given_a_process_pool(tmp_path):
    _script, hits = _project(tmp_path)
    assert 16 in [f.start.row for f in hits] and all("FuturesSession.request()" in f.message for f in hits)


@pytest.mark.parametrize("executor", [
    "",  # the constructor's default: a thread pool
    "None",
    "executor=None",
    "__import__('concurrent.futures').futures.ThreadPoolExecutor(2)",
])
def test_another_modules_subclass_without_a_process_pool_says_nothing(tmp_path, executor):
    assert _project(tmp_path, executor=executor)[1] == []


def test_another_modules_subclass_with_a_module_level_callback_says_nothing(tmp_path):
    assert _project(tmp_path, callback="page_size")[1] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("hazard", [True, False])
def test_runtime_another_modules_subclass(tmp_path, method, hazard):
    skip_without("requests")
    script, hits = _project(tmp_path, callback=LAMBDA if hazard else "page_size")
    assert bool(hits) is hazard
    out = run_program(script, method, cwd=tmp_path)
    assert_outcome(out, hazard, ("Can't pickle local object", "Can't get local object", "cannot pickle"), "RESULT=3")

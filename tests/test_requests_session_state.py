"""A requests Session pickles the attributes its `__getstate__` lists (`Session.__attrs__`: headers, auth, hooks,
...; data/boundaries.json `pickled_state`), so a lambda the program stores in one of them (`session.auth = lambda
r: r`, `session.hooks["response"].append(lambda ...)`) makes the session refused by pickle although a fresh
session pickles (oauthlib #849; fresh_libs6 oauthlib849_session_hook_lambda). A lambda in any other attribute
is not pickled; a module-level hook pickles by name; dill copies the lambda; a cleared hook list holds nothing.

Static answers on source strings; the same programs run under fork, spawn and forkserver (skipped when requests,
or multiprocess for the dill case, is not installed; the test process never imports them). The attribute list
is compared with the installed library's `Session.__attrs__` in a subprocess."""
import json
import subprocess
import sys
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from mpguard.semantic.boundaries import pickled_state

PROGRAM = """
import IMPORT
import requests


def hook(r, *args, **kwargs):
    return r


def make_session(token):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    STORE
    return session


def plan(session, i):
    return "%s %d" % (session.headers["Authorization"][:6], i)


if __name__ == "__main__":
    session = make_session("t0k3n")
    POOL
        print("RESULT=%s" % len(HANDOVER))
"""

EXECUTOR = ("concurrent.futures", "with concurrent.futures.ProcessPoolExecutor(1) as pool:",
            "pool.submit(plan, session, 1).result()")
DILL = ("multiprocess", "with multiprocess.Pool(1) as pool:", "pool.apply(plan, (session, 1))")
LAMBDA = ("attribute lookup <lambda>", "Can't pickle local object", "Can't get local object")

# name -> (pool, the statement in make_session, refused?)
CASES = {
    "hook_lambda_appended": (EXECUTOR, 'session.hooks["response"].append(lambda r, *a, **k: r)', True),
    "hook_list_assigned": (EXECUTOR, 'session.hooks["response"] = [lambda r, *a, **k: r]', True),
    "auth_lambda": (EXECUTOR, "session.auth = lambda r: r", True),
    "hooks_dict_assigned": (EXECUTOR, 'session.hooks = {"response": [lambda r, *a, **k: r]}', True),
    # near misses
    "hook_module_function": (EXECUTOR, 'session.hooks["response"].append(hook)', False),
    "lambda_in_unpickled_attribute": (EXECUTOR, "session.on_error = lambda r: r", False),
    "hook_list_cleared": (EXECUTOR, 'session.hooks["response"].append(lambda r, *a, **k: r)\n'
                                    '    session.hooks["response"].clear()', False),
    "auth_replaced": (EXECUTOR, 'session.auth = lambda r: r\n    session.auth = ("user", "pw")', False),
    "hook_lambda_dill": (DILL, 'session.hooks["response"].append(lambda r, *a, **k: r)', False),
}


def program(name: str) -> str:
    (module, pool, handover), store, _refused = CASES[name]
    return textwrap.dedent(PROGRAM).replace("IMPORT", module).replace("STORE", store).replace(
        "POOL", pool).replace("HANDOVER", handover)


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    refused = CASES[name][2]
    findings = found(program(name), "MP201")
    assert len(findings) == (1 if refused else 0), (program(name), findings)
    if refused:
        assert "of a `requests.Session()`" in findings[0].message, findings[0].message


def test_message_names_the_attribute():
    (finding,) = found(program("auth_lambda"), "MP201")
    assert "a lambda in the `.auth` of a `requests.Session()`" in finding.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("requests")
    skip_without(CASES[name][0][0])
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    assert_outcome(out, CASES[name][2], LAMBDA, "RESULT=")


def test_attributes_are_the_installed_session_attrs():
    from helpers import skip_without
    skip_without("requests")
    out = subprocess.run([sys.executable, "-c", "import json, requests; print(json.dumps(requests.Session.__attrs__))"],
                         capture_output=True, text=True, timeout=60, check=True)
    assert pickled_state()["requests.Session"] == frozenset(json.loads(out.stdout))

"""MP208 across modules: an exception another project module raises is stopped by the task's own `try` when the
handler names its class or any base its home module shows (googleapis/python-genai #1144, fresh_reports17
genai1144: `except APIError as err: raise PicklableAPIError.wrap(err) from None` around a call that raises
ClientError in a third module), also when the handler is in a helper the task calls, in the task's module or in
another one (the helper's summary drops what its handler stops). The exception the handler raises instead is
judged on its own; one that pickles itself (`__reduce__` returning a module-level rebuild function) is not
reported. Near misses that stay reported: a handler for another class, one that re-raises. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

ERRORS = """
    class ServiceError(Exception):
        def __init__(self, status, payload, request=None):
            self.status = status
            self.payload = payload
            self.request = request
            super().__init__(f"{status}: {payload}")

        @classmethod
        def check(cls, status, payload):
            if status >= 400:
                kind = QuotaError if status == 429 else BadInput
                raise kind(status, payload, request={"status": status})


    class BadInput(ServiceError):
        pass


    class QuotaError(ServiceError):
        pass


    class Portable(ServiceError):
        def __reduce__(self):
            return (_portable, (self.status, self.payload))


    def _portable(status, payload):
        return Portable(status, payload)
"""

CLIENT = """
    from .errors import ServiceError


    class Client:
        def lookup(self, word):
            status = 400 if not word else 200
            ServiceError.check(status, {"word": word})
            return word.upper()
"""

# the handler stands in `{handler}`: the task's own try, or a helper's
TASK = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from svc.client import Client
    from svc.errors import Portable, ServiceError


    def lookup(word):
        {body}


    def main():
        with ProcessPoolExecutor(2) as pool:
            futures = [pool.submit(lookup, w) for w in ["ab", ""]]
            failed = []
            for f in futures:
                try:
                    f.result()
                except ServiceError as err:
                    failed.append(err.status)
        print("RESULT=failed:%s" % failed)


    if __name__ == "__main__":
        main()
"""

CAUGHT_IN_TASK = """try:
            return Client().lookup(word)
        except ServiceError as err:
            raise Portable(err.status, err.payload) from None"""

CAUGHT_BUILTIN_BASE = """try:
            return Client().lookup(word)
        except Exception as err:
            raise RuntimeError(str(err)) from None"""

HELPER_HERE = """return safe_lookup(Client(), word)


    def safe_lookup(client, word):
        try:
            return client.lookup(word)
        except ServiceError as err:
            raise Portable(err.status, err.payload) from None"""

HELPER_ELSEWHERE = """from svc.safe import safe_lookup
        return safe_lookup(word)"""

SAFE = """
    from .client import Client
    from .errors import Portable, ServiceError


    def safe_lookup(word):
        try:
            return Client().lookup(word)
        except ServiceError as err:
            raise Portable(err.status, err.payload) from None
"""

LETS_THROUGH = {
    "another class": CAUGHT_IN_TASK.replace("except ServiceError", "except KeyError"),
    "re-raised": CAUGHT_IN_TASK.replace("raise Portable(err.status, err.payload) from None", "raise"),
    "helper elsewhere, another class": HELPER_ELSEWHERE,
}


def _project(root, body, safe=SAFE):
    return project(root, {"svc/__init__.py": "", "svc/errors.py": ERRORS, "svc/client.py": CLIENT,
                          "svc/safe.py": safe, "main.py": TASK.replace("{body}", body)})


@pytest.mark.parametrize("body", [CAUGHT_IN_TASK, CAUGHT_BUILTIN_BASE, HELPER_HERE, HELPER_ELSEWHERE],
                         ids=["task", "builtin base", "helper here", "helper elsewhere"])
def test_an_exception_caught_on_the_way_is_not_reported(tmp_path, body):
    root = _project(tmp_path, body)
    assert findings(root / "main.py", "MP208") == []


@pytest.mark.parametrize("change", sorted(LETS_THROUGH))
def test_an_exception_the_handler_lets_through_is_reported(tmp_path, change):
    safe = SAFE.replace("except ServiceError", "except KeyError") if "elsewhere" in change else SAFE
    root = _project(tmp_path, LETS_THROUGH[change], safe)
    found = findings(root / "main.py", "MP208")
    assert found and all("BadInput" in f.message or "QuotaError" in f.message for f in found)
    assert {m for f in found for m in f.start_methods} == {"fork", "spawn", "forkserver"}


def test_the_uncaught_call_is_reported(tmp_path):
    root = _project(tmp_path, "return Client().lookup(word)")
    found = findings(root / "main.py", "MP208")
    assert found and "missing 1 required positional argument: 'payload'" in found[0].message


def test_a_class_that_pickles_itself_is_not_reported(tmp_path):
    root = _project(tmp_path, "raise Portable(400, {'word': word})")
    assert findings(root / "main.py", "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    cases = {"task": (CAUGHT_IN_TASK, SAFE, True), "builtin": (CAUGHT_BUILTIN_BASE, SAFE, None),
             "here": (HELPER_HERE, SAFE, True), "elsewhere": (HELPER_ELSEWHERE, SAFE, True),
             "uncaught": ("return Client().lookup(word)", SAFE, False),
             "elsewhere-other": (HELPER_ELSEWHERE, SAFE.replace("except ServiceError", "except KeyError"), False)}
    for name, (body, safe, ok) in cases.items():
        root = _project(tmp_path / name, body, safe)
        out = run_program(root / "main.py", method, timeout=60, cwd=root)
        if ok is None:  # a RuntimeError crosses back and is not caught by the parent's handler: it rebuilds
            assert "RuntimeError: 400" in out.stderr and "BrokenProcessPool" not in out.stderr, (name, out.stderr)
        elif ok:
            assert "RESULT=failed:[400]" in out.stdout, (name, out.stderr)
        else:  # the child's BadInput cannot be rebuilt in the parent (3.10: reported as a broken pool)
            assert "RESULT=" not in out.stdout, name
            assert "missing 1 required positional argument: 'payload'" in out.stderr \
                or "BrokenProcessPool" in out.stderr, (name, out.stderr)

"""What another module's function returns holds a refused object only under the parameter condition it is stored
under: `build_settings(config, with_client=True)` stores an httpx-like client in the settings only `if with_client:`;
a caller passing `with_client=False` gets settings pickle accepts (fresh_libs4 joblib_surrogates_settings_only, a
blind false alarm: the store's condition was not read, only the return's). Proven under fork, spawn and forkserver
(a Pool task's bound method pickles the object holding the settings)."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

CLIENTS = """
    import threading
    from dataclasses import dataclass


    @dataclass
    class ApiSettings:
        base_url: str
        client: object = None


    def build_settings(config, with_client=True):
        settings = ApiSettings(base_url=config["base_url"])
        if with_client:
            settings.client = threading.Lock()
        return settings
"""

MAIN = """
    import multiprocessing

    from kit.clients import build_settings


    class Analysis:
        def __init__(self, api):
            self.api = api

        def score(self, n):
            return n * 2

        def run(self, data):
            with multiprocessing.Pool(2) as pool:
                return pool.map(self.score, data)


    if __name__ == "__main__":
        api = build_settings({"base_url": "https://example.invalid"}, CHOICE)
        print("RESULT=%s" % sum(Analysis(api).run([1, 2, 3])))
"""

CASES = {"with_client=False": False, "with_client=True": True, "True": True}


def _project(tmp_path, choice):
    return project(tmp_path, {"kit/__init__.py": "", "kit/clients.py": CLIENTS, "main.py": MAIN.replace("CHOICE", choice)})


@pytest.mark.parametrize("choice", sorted(CASES))
def test_a_field_stored_under_a_parameter_condition(tmp_path, choice):
    found = [f.code for f in findings(_project(tmp_path, choice) / "main.py")]
    assert found == (["MP201"] if CASES[choice] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("choice", ["with_client=False", "with_client=True"])
def test_runtime(tmp_path, choice, method):
    root = _project(tmp_path, choice)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, CASES[choice], "cannot pickle '_thread.lock' object", "RESULT=12")

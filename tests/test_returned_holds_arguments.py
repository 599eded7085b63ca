"""What a function of another project module returns is pickled with the arguments its return value holds: a config
builder that puts the caller's `client` into a nested dict (`store["client"] = client; return {"vector_store":
{"config": store}}`) hands the client to whatever pickles the config (fresh_reports5 mem0_client_in_config_process,
mem0 #3430: "cannot pickle 'sqlite3.Connection' object" under spawn and forkserver). Given by keyword or by position;
an argument the result does not hold, a data attribute (`path=make_client().path`) and a picklable client are near
misses. Proven below under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

KIT = """
    import os
    import sqlite3
    import tempfile


    class LocalClient:
        def __init__(self, path):
            self.path = path
            self._conn = sqlite3.connect(os.path.join(path, "collection.sqlite"))


    class PlainClient:
        def __init__(self, path):
            self.path = path


    def make_client(name="mpguard_holds"):
        path = os.path.join(tempfile.gettempdir(), name)
        os.makedirs(path, exist_ok=True)
        return LocalClient(path)


    def build_config(user_id, client=None, path=None, label=None):
        store = {"collection": "memory"}
        if client is not None:
            store["client"] = client
        if path is not None:
            store["path"] = path
        return {"user_id": user_id, "vector_store": {"config": store}}
"""

MAIN = """
    import multiprocessing

    from kit.memory import LocalClient, PlainClient, build_config, make_client


    def worker(config):
        store = config["vector_store"]["config"]
        print("RESULT=%s" % sorted(store))


    if __name__ == "__main__":
        config = CALL
        proc = multiprocessing.Process(target=worker, args=(config,))
        proc.start()
        proc.join()
        print("EXIT=%d" % proc.exitcode)
"""

CALLS = {
    'build_config("u", client=make_client())': True,
    'build_config("u", make_client())': True,
    'build_config("u", None, None, make_client())': False,  # `label`: not in the result
    'build_config("u", path=make_client().path)': False,  # a data attribute: a string
    'build_config("u", client=PlainClient("/tmp"))': False,
    'build_config(make_client)': False,  # a module-level function pickles by name
}


def _project(tmp_path, call):
    return project(tmp_path, {"kit/__init__.py": "", "kit/memory.py": KIT, "main.py": MAIN.replace("CALL", call)})


@pytest.mark.parametrize("call", sorted(CALLS))
def test_an_argument_the_result_holds_is_pickled_with_it(tmp_path, call):
    found = [(f.code, sorted(f.start_methods)) for f in findings(_project(tmp_path, call) / "main.py")]
    assert found == ([("MP203", ["forkserver", "spawn"])] if CALLS[call] else [])


def test_the_message_names_the_argument(tmp_path):
    (finding,) = findings(_project(tmp_path, 'build_config("u", client=make_client())') / "main.py")
    assert "holds its argument `client`" in finding.message and "sqlite3.Connection" in finding.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call", ['build_config("u", client=make_client())', 'build_config("u", path=make_client().path)'])
def test_runtime(tmp_path, call, method):
    root = _project(tmp_path, call)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if CALLS[call] and method != "fork":
        assert out.returncode != 0 and "cannot pickle 'sqlite3.Connection' object" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "EXIT=0" in out.stdout and "RESULT=" in out.stdout, out.stderr

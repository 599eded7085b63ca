"""Items of a container display stored in `self` are pickled with the object (pickle walks a dict's keys and values and
a list's, tuple's or set's items): a lambda kept as a value of `self._handlers = {...}` of an object reached from a
bound-method Process target is refused, here and through another project module (MANSPIDER PR #106,
fresh_reports18 manspider106_parser_process_bound_method). Near misses: module-level functions as the values, a
thread instead of a process. Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

CODEC = """
    def _plain(data):
        return data.upper()


    class Codec:
        def __init__(self, name):
            self.name = name
            self._encoders = {
                "plain": _plain,
                "short": lambda data: data[:3],
            }

        def encode(self, kind, data):
            return self._encoders[kind](data)
"""

CODEC_SAFE = CODEC.replace('"short": lambda data: data[:3],', '"short": _plain,')

WORKER = """
    import multiprocessing

    from kit.codec import Codec


    class Uploader:
        def __init__(self, name):
            self.codec = Codec(name)

        def upload(self, data):
            print("RESULT=" + self.codec.encode("plain", data))

        def run(self, data):
            child = multiprocessing.Process(target=self.upload, args=(data,))
            child.start()
            child.join()
            return child.exitcode


    if __name__ == "__main__":
        raise SystemExit(Uploader("x").run("abcdef"))
"""

WORKER_THREAD = WORKER.replace("multiprocessing.Process(", "threading.Thread(").replace(
    "import multiprocessing", "import threading").replace("return child.exitcode", "return 0")

SAME_MODULE = CODEC.replace("    def _plain", "    import multiprocessing\n\n\n    def _plain") + """

    def use(codec):
        return codec.encode("plain", "a")


    def main():
        with multiprocessing.Pool(1) as pool:
            print(pool.apply(Codec("y").encode, ("plain", "b")))
"""


@pytest.mark.parametrize("shape", ["dict", "list", "tuple"])
def test_same_module(shape):
    src = SAME_MODULE
    if shape != "dict":
        opening, closing = ("[", "]") if shape == "list" else ("(", ")")
        src = src.replace('self._encoders = {\n                "plain": _plain,\n                "short": lambda',
                          f'self._encoders = {opening}\n                _plain,\n                lambda').replace(
            "data[:3],\n            }", f"data[:3],\n            {closing}")
        assert "lambda data" in src and f"self._encoders = {opening}" in src
    [finding] = found(src, "MP201")
    assert "Codec.__init__.<locals>.<lambda>" in finding.message


def test_same_module_near_miss():
    assert found(SAME_MODULE.replace('"short": lambda data: data[:3],', '"short": _plain,'), "MP201") == []


def test_another_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/codec.py": CODEC, "main.py": WORKER})
    [finding] = [f for f in findings(root / "main.py") if f.code == "MP201"]
    assert "whose ._encoders is a dict whose item 'short' is a lambda" in finding.message
    assert "Codec.__init__.<locals>.<lambda>" in finding.message


@pytest.mark.parametrize("codec, worker", [(CODEC_SAFE, WORKER), (CODEC, WORKER_THREAD)], ids=["functions", "thread"])
def test_another_module_near_misses(tmp_path, codec, worker):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/codec.py": codec, "main.py": worker})
    assert [f for f in findings(root / "main.py") if f.code == "MP201"] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, codec, worker, fails in (("hazard", CODEC, WORKER, method != "fork"), ("safe", CODEC_SAFE, WORKER, False),
                                       ("thread", CODEC, WORKER_THREAD, False)):
        root = project(tmp_path / name, {"kit/__init__.py": "", "kit/codec.py": codec, "main.py": worker})
        out = run_program(root / "main.py", method, cwd=root)
        if fails:
            assert out.returncode != 0 and "Codec.__init__.<locals>.<lambda>" in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=ABCDEF" in out.stdout, out.stderr

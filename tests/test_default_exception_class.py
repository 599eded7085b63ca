"""An exception class that reaches `raise error_cls(...)` as a parameter's default (`def encode(field,
error_cls=SerializationError)`, linter/raise_paths): raised when the caller leaves the default, also through a
helper handing its own parameter on; not when the caller names another class. MP208 for the task of another
module whose call reaches it. Proven under fork, spawn and forkserver (fresh_reports12 trio11)."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

CODEC = """
    class CodecError(Exception):
        def __init__(self, message, obj):
            super().__init__(message)
            self.obj = obj


    class RebuiltCodecError(Exception):
        def __init__(self, message, obj):
            super().__init__(message)
            self.obj = obj

        def __reduce__(self):
            return (type(self), (self.args[0], self.obj))


    def encode_one(value, error_cls=CodecError):
        if isinstance(value, int):
            return str(value)
        raise error_cls("cannot encode", value)


    def encode_all(values, error_cls=CodecError):
        return ",".join(encode_one(v, error_cls) for v in values)
"""

MAIN = """
    from concurrent.futures import ProcessPoolExecutor

    from kit.codec import CodecError, RebuiltCodecError, encode_all


    def task(values):
        return CALL


    if __name__ == "__main__":
        with ProcessPoolExecutor(1) as pool:
            try:
                print("RESULT=%s" % pool.submit(task, [1, "x"]).result(timeout=20))
            except (CodecError, RebuiltCodecError) as exc:
                print("RESULT=rejected %s" % exc)
"""


def _root(tmp_path, call):
    return project(tmp_path, {"kit/__init__.py": "", "kit/codec.py": CODEC, "main.py": MAIN.replace("CALL", call)})


@pytest.mark.parametrize("call", ["encode_all(values)", "encode_all(values, CodecError)",
                                  "encode_all(values, error_cls=CodecError)"])
def test_the_default_class_is_raised(tmp_path, call):
    assert len(findings(_root(tmp_path, call) / "main.py", "MP208")) >= 1


@pytest.mark.parametrize("call", ["encode_all(values, RebuiltCodecError)", "encode_all(values, error_cls=ValueError)"])
def test_another_class_given_is_not_the_default(tmp_path, call):
    assert findings(_root(tmp_path, call) / "main.py", "MP208") == []


@pytest.mark.parametrize("call", ["encode_all(values)", "encode_all(values, error_cls=RebuiltCodecError)"])
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method, call):
    root = _root(tmp_path, call)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if "Rebuilt" in call:
        assert out.returncode == 0 and "RESULT=rejected cannot encode" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "BrokenProcessPool" in out.stderr and "missing 1 required positional" \
            in out.stderr, out.stderr

"""Plain values the pickle catalog measured as refused whatever they hold count as refused: a hashlib object, a
struct.Struct, a contextvars.Context (multiprocessing's pickler: "TypeError: cannot pickle '_hashlib.HASH' object").
A variant that depends on what it is given (`collections.defaultdict:lambda`) is still judged by its contents: a
defaultdict of a module-level factory is the near miss. Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
import collections
import hashlib
import multiprocessing
import struct


def digest(item):
    return len(str(item))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("RESULT=%s" % pool.map(digest, [SENT]))
"""

CASES = {'hashlib.sha256(b"x")': True, 'struct.Struct("<i")': True, "collections.defaultdict(list)": False,
         'hashlib.sha256(b"x").hexdigest()': False}


@pytest.mark.parametrize("sent", sorted(CASES))
def test_refused_values_in_task_arguments(sent):
    assert [f.code for f in found(PROGRAM.replace("SENT", sent), "MP203")] == (["MP203"] if CASES[sent] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("sent", sorted(CASES))
def test_runtime(tmp_path, sent, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("SENT", sent))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CASES[sent], "TypeError: cannot pickle", "RESULT=")

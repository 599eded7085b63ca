"""MP204 names the type Python's RuntimeError names (semantic/data/inheritance_types.json): "Condition objects
should only be shared between processes through inheritance" for an Event, a Barrier and a Condition,
"JoinableQueue" for a JoinableQueue, "Synchronized"/"SynchronizedArray" for Value/Array, the bare ctypes type
("c_double", "c_int_Array_3") for RawValue, RawArray and lock=False. Measured with scripts/probe_inheritance.py
on 3.10-3.14 under fork, spawn and forkserver (the same words everywhere); the runtime test runs each
constructor in a pool task under every start method and compares Python's words with the finding's."""
import re

import pytest
from helpers import found, run_program

from mpguard.semantic.inheritance import named_type

PROGRAM = """
import multiprocessing as mp


def task(x):
    return 1


if __name__ == "__main__":
    ctx = mp.get_context()
    made = MAKE
    with mp.Pool(1) as pool:
        try:
            pool.apply(task, (made,))
        except RuntimeError as e:
            print("ERROR=" + str(e))
"""

# constructor call -> the type Python names (as measured)
CASES = {
    "mp.Lock()": "Lock",
    "mp.RLock()": "RLock",
    "mp.Semaphore(2)": "Semaphore",
    "mp.BoundedSemaphore(2)": "BoundedSemaphore",
    "mp.Condition()": "Condition",
    "mp.Event()": "Condition",
    "mp.Barrier(2)": "Condition",
    "mp.Queue()": "Queue",
    "mp.JoinableQueue()": "JoinableQueue",
    "mp.SimpleQueue()": "SimpleQueue",
    "mp.Value('i', 0)": "Synchronized",
    "mp.Array('i', 3)": "SynchronizedArray",
    "mp.RawValue('d')": "c_double",
    "mp.RawArray('i', 3)": "c_int_Array_3",
    "mp.Value('i', 0, lock=False)": "c_int",
    "mp.Array('d', [1.0, 2.0], lock=False)": "c_double_Array_2",
    "ctx.Event()": "Condition",
    "ctx.JoinableQueue()": "JoinableQueue",
}


def program(make):
    return PROGRAM.replace("MAKE", make)


@pytest.mark.parametrize("make", sorted(CASES))
def test_the_message_names_the_type_python_names(make):
    [finding] = found(program(make), "MP204")
    constructor = re.search(r"\.(\w+)\(", make).group(1)
    assert f"a multiprocessing {constructor}:" in finding.message
    assert f"RuntimeError: {CASES[make]} objects should only be shared between processes through inheritance" \
        in finding.message


def test_a_type_that_cannot_be_told_keeps_the_value_wording():
    # a type code chosen at run time: the bare ctypes type is unknown, and the message keeps the wording of a
    # Value (the finding itself stands: the object is refused whatever its type)
    src = program("mp.RawValue(CODE)").replace("ctx = mp.get_context()", "ctx = mp.get_context()\n    CODE = input()")
    [finding] = found(src, "MP204")
    assert "RuntimeError: Synchronized objects" in finding.message
    assert named_type("RawValue", [], {}) is None


def test_a_pool_initializer_argument_is_not_a_task():
    src = program("mp.Event()").replace("mp.Pool(1)", "mp.Pool(1, initializer=print, initargs=(made,))") \
        .replace("pool.apply(task, (made,))", "pool.apply(task, (1,))")
    assert found(src, "MP204") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """Every constructor in one program each, run under `method`: Python prints the words the finding quotes."""
    for make, name in sorted(CASES.items()):
        path = tmp_path / "prog.py"
        path.write_text(program(make))
        out = run_program(path, method, timeout=60)
        assert f"ERROR={name} objects should only be shared between processes through inheritance" in out.stdout, \
            (make, out.stdout, out.stderr)

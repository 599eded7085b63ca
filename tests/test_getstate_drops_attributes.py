"""MP302 for a Process's object whose class's `__getstate__` leaves out an attribute the child surely reads
(rules/pickled_copies.py, semantic/pickled_copies.py; pypeln PR #74, fresh_libs7 pypeln74): under spawn and
forkserver the child's copy has only what `__getstate__` kept (or `__setstate__` restored), so the read raises
`AttributeError: 'StageQueue' object has no attribute 'namespace'`; under fork the object is inherited whole.
Near misses: a `__getstate__` that keeps it, a `__setstate__` that restores it, a read only in a branch, an
attribute another method may set first, a class attribute."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, methods, run_program

PROGRAM = """
    import multiprocessing


    class StageQueue:
        done_value = 0

        def __init__(self):
            self.queue = multiprocessing.Queue()
            self.namespace = multiprocessing.Value("i", 1)

        def __getstate__(self):
            return GETSTATE

        SETSTATE

        def put(self, item):
            self.queue.put(item)

        def done(self):
            DONE


    class Worker:
        def __init__(self, items, output):
            self.items = items
            self.output = output

        def __call__(self):
            try:
                for x in self.items:
                    self.output.put(x * x)
            finally:
                self.output.done()


    def main():
        output = StageQueue()
        process = multiprocessing.Process(target=Worker([1, 2, 3], output))
        process.start()
        print("RESULT=", sum(output.queue.get(timeout=5) for _ in range(3)))
        process.join()
        assert process.exitcode == 0, process.exitcode


    if __name__ == "__main__":
        main()
"""

DROPS = '{"queue": self.queue}'
KEEPS = '{"queue": self.queue, "namespace": self.namespace}'
READS = "with self.namespace.get_lock():\n                self.namespace.value -= 1"


def program(getstate=DROPS, setstate="", done=READS):
    src = textwrap.dedent(PROGRAM)
    return src.replace("GETSTATE", getstate).replace("SETSTATE", setstate).replace("DONE", done)


def test_a_dropped_attribute_the_child_reads():
    hits = found(program(), "MP302")
    assert len(hits) == 1 and "'StageQueue' object has no attribute 'namespace'" in hits[0].message
    assert program().splitlines()[hits[0].start.row - 1].strip() == "process.start()"
    assert methods(program(), "MP302") == {"spawn", "forkserver"}


def test_a_bound_method_target_on_the_object_itself():
    src = program().replace("target=Worker([1, 2, 3], output)", "target=output.done")
    assert "'StageQueue' object has no attribute 'namespace'" in found(src, "MP302")[0].message


@pytest.mark.parametrize("getstate,setstate,done", [
    (KEEPS, "", READS),                                                            # kept
    (DROPS, "def __setstate__(self, state):\n"
            "            self.queue = state['queue']\n"
            "            self.namespace = multiprocessing.Value('i', 1)", READS),   # restored
    (DROPS, "", "if self.queue is not None and False:\n"
                "                self.namespace.value -= 1"),                     # only in a branch
    (DROPS, "", "self.namespace = None\n            print(self.namespace)"),    # set by the child first
    (DROPS, "", "print(self.done_value)"),                                         # a class attribute
    ('{"queue": self.queue, **self.__dict__}', "", READS),                         # not a plain dict display
    (DROPS, "def __setstate__(self, state):\n"
            "            self.__dict__.update(state)", READS),                      # unsure what it restores
])
def test_near_misses_are_silent(getstate, setstate, done):
    assert not found(program(getstate, setstate, done), "MP302")


def test_an_attribute_another_method_sets_is_left_alone():
    src = program().replace("def put(self, item):", "def reset(self):\n            self.namespace = None\n\n"
                                                    "        def put(self, item):")
    assert not found(src, "MP302")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("getstate", [DROPS, KEEPS])
def test_runtime(tmp_path, method, getstate):
    path = tmp_path / "program.py"
    path.write_text(program(getstate))
    out = run_program(path, method)
    fails = getstate == DROPS and method != "fork"
    assert_outcome(out, fails, "'StageQueue' object has no attribute 'namespace'", "RESULT= 14")

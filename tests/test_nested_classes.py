"""A class nested in a class body (`class Manager: class Worker(multiprocessing.Process): ...`) is a class: made as
`self.Worker(...)` or `Manager.Worker(...)` it is a Process subclass whose object is pickled under spawn and
forkserver (a lambda it keeps refused), and its methods are walked (what `run()` does with the queues it keeps);
pickle finds the class itself by its qualified name `Manager.Worker` (fresh_realistic8 losoto173's nested
`multiThread`). Near miss: the same classes keeping plain data. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
    import multiprocessing


    class Manager:
        class Worker(multiprocessing.Process):
            def __init__(self, q, scale):
                super().__init__()
                self.q = q
                self.scale = SCALE

            def run(self):
                self.q.put(CALL * 2)

        class Item:
            def __init__(self, n):
                self.n = n

        def __init__(self):
            self.q = multiprocessing.Queue()
            self.workers = [MAKE(self.q, i) for i in range(2)]

        def go(self):
            for w in self.workers:
                w.start()
            out = sorted(self.q.get() for _ in self.workers)
            for w in self.workers:
                w.join()
            return out


    def show(item):
        print("ITEM=%d" % item.n)


    if __name__ == "__main__":
        p = multiprocessing.Process(target=show, args=(Manager.Item(3),))
        p.start()
        p.join()
        print("RESULT=%s" % Manager().go())
"""


def _program(keeps_lambda: bool, make: str = "self.Worker") -> str:
    scale, call = ("lambda: scale", "self.scale()") if keeps_lambda else ("scale", "self.scale")
    return PROGRAM.replace("SCALE", scale).replace("CALL", call).replace("MAKE", make)


@pytest.mark.parametrize("make", ["self.Worker", "Manager.Worker"])
def test_a_nested_process_subclass_is_judged(make):
    got = found(_program(True, make), "MP201")
    assert len(got) == 1 and "Worker" in got[0].message and "lambda" in got[0].message
    assert set(got[0].start_methods) == {"spawn", "forkserver"}


def test_plain_nested_classes_are_silent():
    src = _program(False)
    assert found(src, "MP201") == [] and found(src, "MP202") == [] and found(src, "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for keeps_lambda in (True, False):
        path = tmp_path / "manager.py"
        path.write_text(textwrap.dedent(_program(keeps_lambda)))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        assert_outcome(out, keeps_lambda and method != "fork",
                       ("Can't pickle local object", "Can't get local object"), "RESULT=[0, 2]")  # (3.13: get)
        assert "ITEM=3" in out.stdout

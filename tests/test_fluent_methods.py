"""A method that gives back the object it is called on (`def load(self, n): ...; return self`, the fluent style
of builders and loaders) makes `Analyzer().load(5)` that Analyzer: what its fields hold crosses with it
(data-juicer #204: `Analyzer().load(...).run()` whose `run` sends `self.progress`, a SimpleQueue, with every
starmap task; tests/corpus/fresh_realistic7 datajuicer_analyzer_simplequeue_in_starmap). Near misses, where the
result is not surely the object: a path that falls off the end (None), a return of something else, a decorated
method, `self` rebound. Proven under fork, spawn and forkserver (pool tasks pickle their arguments under each)."""
import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
import multiprocessing as mp
from dataclasses import dataclass, field


def work(x, progress):
    progress.put(1)
    return x * 2


@dataclass
class Analyzer:
    num_proc: int = 2
    progress: object = field(default_factory=mp.SimpleQueue)
    count: int = 0

    def load(self, n):
        LOAD
        return self

    def run(self):
        jobs = [(i, self.progress) for i in range(self.count)]
        with mp.Pool(self.num_proc) as pool:
            return pool.starmap(work, jobs)


if __name__ == "__main__":
    print("RESULT=", sum(Analyzer().load(4).run()))
"""

FLUENT = PROGRAM.replace("LOAD", "self.count = n")
LOGGED = """def logged(method):
    def inner(*args):
        print("calling", method.__name__)
        method(*args)
    return inner


"""


def test_a_method_returning_self_gives_the_object_it_is_called_on():
    hits = found(FLUENT, "MP204")
    assert [f.start.row for f in hits] == [24]  # pool.starmap(work, jobs)
    assert "SimpleQueue objects should only be shared" in hits[0].message


def test_chained_fluent_calls_keep_the_object():
    source = FLUENT.replace("Analyzer().load(4).run()", "Analyzer().load(2).load(4).run()")
    assert [f.start.row for f in found(source, "MP204")] == [24]


@pytest.mark.parametrize("change", [
    # a path that falls off the end gives None
    ("        self.count = n\n        return self", "        self.count = n\n        if n:\n            return self"),
    # another object, without a queue
    ("        return self\n", "        return Analyzer(self.num_proc, None, n)\n"),
    # a decorator whose wrapper gives None back
    ("    def load(self, n):", "    @logged\n    def load(self, n):"),
    # `self` rebound to another object, without a queue
    ("        self.count = n\n", "        self = Analyzer(progress=None, count=n)\n"),
])
def test_near_misses_are_not_read_as_the_object(change):
    old, new = change
    assert old in FLUENT
    source = FLUENT.replace(old, new).replace("@dataclass\n", LOGGED + "@dataclass\n")
    assert found(source, "MP204") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(FLUENT)
    out = run_program(path, method, timeout=60)
    assert_outcome(out, True, "SimpleQueue objects should only be shared between processes through inheritance", "")

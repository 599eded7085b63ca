"""A dataclass field whose `default_factory` is a multiprocessing class (`field(default_factory=mp.SimpleQueue)`)
holds that object in every instance made without it, like `self.progress = mp.SimpleQueue()` in `__init__`: sent
with pool tasks it is refused, "SimpleQueue objects should only be shared between processes through inheritance"
(data-juicer #204, tests/corpus/fresh_realistic7 datajuicer_analyzer_simplequeue_in_starmap). Near misses: the
queue given to the pool's initializer (inherited at the worker's start), a field the caller passes, and a
`threading`-free plain factory (`list`). Proven under fork, spawn and forkserver: pool tasks pickle their
arguments under every start method."""
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
    progress: object = field(default_factory=FACTORY)

    def run(self, n):
        jobs = [(i, self.progress) for i in range(n)]
        with mp.Pool(self.num_proc) as pool:
            return pool.starmap(work, jobs)


if __name__ == "__main__":
    print("RESULT=", sum(Analyzer().run(4)))
"""

NEAR_INITIALIZER = """
import multiprocessing as mp
from dataclasses import dataclass, field

_progress = None


def init(progress):
    global _progress
    _progress = progress


def work(x):
    _progress.put(1)
    return x * 2


@dataclass
class Analyzer:
    num_proc: int = 2
    progress: object = field(default_factory=mp.SimpleQueue)

    def run(self, n):
        with mp.Pool(self.num_proc, initializer=init, initargs=(self.progress,)) as pool:
            return pool.map(work, range(n))


if __name__ == "__main__":
    print("RESULT=", sum(Analyzer().run(4)))
"""


@pytest.mark.parametrize("factory", ["mp.SimpleQueue", "mp.Queue", "mp.Lock", "mp.JoinableQueue"])
def test_a_multiprocessing_factory_field_sent_with_tasks_is_refused(factory):
    hits = found(PROGRAM.replace("FACTORY", factory), "MP204")
    assert [f.start.row for f in hits] == [19]  # pool.starmap(work, jobs)
    assert "should only be shared between processes through inheritance" in hits[0].message


def test_the_error_names_the_simplequeue_as_python_does():
    hits = found(PROGRAM.replace("FACTORY", "mp.SimpleQueue"), "MP204")
    assert "SimpleQueue objects should only be shared" in hits[0].message


@pytest.mark.parametrize("source", [
    PROGRAM.replace("FACTORY", "list"),  # a plain container pickles
    PROGRAM.replace("FACTORY", "mp.SimpleQueue").replace("Analyzer().run(4)", "Analyzer(progress=0).run(0)")
    .replace("progress.put(1)", "pass"),  # (the caller's value: an int)
    NEAR_INITIALIZER,  # inherited by the workers at their start
])
def test_near_misses_stay_silent(source):
    assert found(source, "MP204") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("case", ["hazard", "initializer"])
def test_runtime(tmp_path, case, method):
    source = PROGRAM.replace("FACTORY", "mp.SimpleQueue") if case == "hazard" else NEAR_INITIALIZER
    path = tmp_path / "prog.py"
    path.write_text(source)
    out = run_program(path, method, timeout=60)
    assert_outcome(out, case == "hazard", "SimpleQueue objects should only be shared between processes through "
                   "inheritance", "RESULT= 12")

"""MP206 through a dataclass's own container: `procs: list = field(default_factory=list)` is a new list in each
object, which the generated __init__ stores before __post_init__ runs. A Queue made in __post_init__ and handed only
to the Processes appended there (and started from that list) is collected when __post_init__ returns, before a
spawned child opens it: FileNotFoundError (CPython #123208, fresh_reports15 cpython123208). The same body in a plain
class's __init__ was reported before; near misses keep the queue, wait in __post_init__, or are not dataclasses.
Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

STATION = """
    import multiprocessing
    from dataclasses import dataclass, field


    def reader(channel, sensor_id):
        channel.put((sensor_id, sensor_id * 10))


    def collector(channel, count, out):
        out.put(sum(channel.get(timeout=20)[1] for _ in range(count)))


    @dataclass
    class Station:
        readers: int
        out: object
        procs: list = field(default_factory=list)

        def __post_init__(self):
            channel = multiprocessing.Queue()
            for sensor_id in range(self.readers):
                self.procs.append(multiprocessing.Process(target=reader, args=(channel, sensor_id)))
            self.procs.append(multiprocessing.Process(target=collector, args=(channel, self.readers, self.out)))
            for proc in self.procs:
                proc.start()

        def wait(self):
            for proc in self.procs:
                proc.join()


    if __name__ == "__main__":
        out = multiprocessing.Queue()
        station = Station(3, out)
        station.wait()
        print("RESULT=%s" % out.get(timeout=5))
"""

# Another shape: a dict of workers by name, filled in __post_init__ and started from its values; a Lock.
REGISTRY = """
    import multiprocessing as mp
    from dataclasses import dataclass, field


    def job(lock, n):
        with lock:
            pass


    @dataclass
    class Crew:
        size: int = 2
        workers: dict = field(default_factory=dict)

        def __post_init__(self):
            guard = mp.Lock()
            for n in range(self.size):
                self.workers[f"w{n}"] = mp.Process(target=job, args=(guard, n))
            for worker in self.workers.values():
                worker.start()
"""


def test_a_queue_made_in_post_init_and_given_to_the_field_list_processes():
    rows = sorted(f.start.row for f in found(STATION, "MP206"))
    assert rows == [23, 24]
    assert all("__post_init__()" in f.message for f in found(STATION, "MP206"))


def test_the_finding_breaks_where_children_are_spawned():
    (first, *_rest) = found(STATION, "MP206")
    assert "fork" not in first.start_methods and "spawn" in first.start_methods


@pytest.mark.parametrize("change", [
    ("        channel = multiprocessing.Queue()\n", "        channel = self.channel = multiprocessing.Queue()\n"),
    ("        for proc in self.procs:\n            proc.start()\n",
     "        for proc in self.procs:\n            proc.start()\n        for proc in self.procs:\n"
     "            proc.join()\n"),
    ("@dataclass\n", ""),  # not a dataclass: `procs` is a class attribute, not followed (silence)
    ("field(default_factory=list)", "field(default_factory=make_list)"),
])
def test_near_misses_stay_silent(change):
    source = textwrap.dedent(STATION).replace(*change)
    if "make_list" in source:
        source = source.replace("@dataclass\n", "def make_list():\n    return []\n\n\n@dataclass\n", 1)
    assert found(source, "MP206") == []


def test_a_dict_field_filled_with_processes_in_post_init():
    assert [f.start.row for f in found(REGISTRY, "MP206")] == [19]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    hazard = tmp_path / "station.py"
    hazard.write_text(textwrap.dedent(STATION))
    kept = tmp_path / "station_kept.py"
    kept.write_text(textwrap.dedent(STATION).replace(
        "        channel = multiprocessing.Queue()\n", "        channel = self.channel = multiprocessing.Queue()\n"))
    out = run_program(hazard, method, timeout=60)
    if method == "fork":
        assert "RESULT=30" in out.stdout, out.stderr
    else:
        assert "FileNotFoundError" in out.stderr, out.stderr
    out = run_program(kept, method, timeout=60)
    assert "RESULT=30" in out.stdout, out.stderr

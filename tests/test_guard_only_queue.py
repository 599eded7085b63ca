"""A Queue made only under the main guard and read by a Process target as a global: a spawned or forkserver child
re-imports the module without running the guard, so the name is not defined (PasteHunter #82; fresh_reports6
pastehunter_queue_defined_under_guard, a blind miss: MP302 skipped every multiprocessing object, which MP303 judges
only when made at import). Proven under fork, spawn and forkserver; the queue passed as an argument is the near miss."""
import pytest
from helpers import methods, run_program

PROGRAM = """
import multiprocessing


def saver(SIGNATURE):
    saved = 0
    while q.get() is not None:
        saved += 1
    print("SAVED=%d" % saved)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    proc = multiprocessing.Process(target=saver, args=ARGS)
    proc.start()
    for key in range(3):
        q.put(key)
    q.put(None)
    proc.join()
    print("EXIT=%d" % proc.exitcode)
"""

SHAPES = {"global": ("tag", "('t',)"), "argument": ("q", "(q,)")}


def _program(shape):
    signature, args = SHAPES[shape]
    return PROGRAM.replace("SIGNATURE", signature).replace("ARGS", args)


def test_a_queue_made_under_the_guard_and_read_as_a_global():
    assert methods(_program("global"), "MP302") == {"spawn", "forkserver"}
    assert methods(_program("argument"), "MP302") == set()


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_runtime(tmp_path, shape, method):
    path = tmp_path / "prog.py"
    path.write_text(_program(shape))
    out = run_program(path, method, timeout=60)
    if shape == "global" and method != "fork":
        assert "NameError: name 'q' is not defined" in out.stderr and "EXIT=1" in out.stdout, out.stderr
    else:
        assert "SAVED=3" in out.stdout and "EXIT=0" in out.stdout, out.stderr

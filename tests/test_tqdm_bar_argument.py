"""A tqdm progress bar handed to a Pool task (or a spawned Process) is refused: it writes to sys.stderr, a
TextIOWrapper ("TypeError: cannot pickle '_io.TextIOWrapper' object"; the pickle catalog's measured entry
tqdm.std.tqdm). Wrapping the results iterator in tqdm in the parent is the near miss. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import skip_without, assert_outcome, found, run_program

skip_without("tqdm")

PROGRAM = """
import multiprocessing
from tqdm import tqdm


def work(args):
    n, bar = args
    return n * n


def plain(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        CALL
    print("RESULT=%s" % sum(results))
"""

CALLS = {
    "results = pool.map(work, [(i, tqdm(total=3)) for i in range(3)])": True,
    "results = list(tqdm(pool.imap(plain, range(3)), total=3))": False,
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_progress_bar_in_task_arguments(call):
    assert [f.code for f in found(PROGRAM.replace("CALL", call), "MP203")] == (["MP203"] if CALLS[call] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_runtime(tmp_path, call, method):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("CALL", call))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CALLS[call], ("cannot pickle '_io.TextIOWrapper' object",  # 3.12+: 'TextIOWrapper' instances
                                     "cannot pickle 'TextIOWrapper' instances"), "RESULT=5")

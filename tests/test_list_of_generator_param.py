"""`list(model)` of a parameter the callers give a generator is a list of the generator's items: the generator is
consumed there, and a task given the list pickles plain items (fatiando #295's workaround; fresh_reports6
fatiando_model_list_pool and mpgen_parallel_generator_module_target were blind false alarms, observed ok under fork,
spawn and forkserver). The generator itself handed over still fails, and a list of refused items still is refused."""
import pytest
from helpers import assert_outcome, at_crossing, found, run_program

PROGRAM = """
import multiprocessing
import threading


def modelgen(n):
    for i in range(n):
        yield ITEM


def chunk_sum(points, model):
    return sum(len(str(m)) for m in model) * len(points)


def gz(points, model):
    MODEL
    with multiprocessing.Pool(2) as pool:
        parts = pool.starmap(chunk_sum, [(points[i:i + 1], model) for i in range(len(points))])
    return sum(parts)


if __name__ == "__main__":
    print("RESULT=%s" % gz([1, 2, 3], modelgen(3)))
"""

CASES = {  # (what the generator yields, how gz() keeps the model) -> flagged
    ("(i, i + 1)", "model = list(model)"): False,
    ("(i, i + 1)", "model = tuple(model)"): False,
    ("(i, i + 1)", "pass"): True,  # the generator itself is pickled
    ("threading.Lock()", "model = list(model)"): True,  # its items are refused
}


def _program(item, keep):
    return PROGRAM.replace("ITEM", item).replace("MODEL", keep)


@pytest.mark.parametrize("item, keep", sorted(CASES))
def test_a_list_of_a_generator_parameter_pickles_its_items(item, keep):
    # (at the crossing; a copy may sit at the call that gives the generator: helpers.given_copy)
    assert [f.code for f in at_crossing(found(_program(item, keep), "MP203"))] == (["MP203"] if CASES[(item, keep)] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("keep", ["model = list(model)", "pass"])
def test_runtime(tmp_path, keep, method):
    path = tmp_path / "prog.py"
    path.write_text(_program("(i, i + 1)", keep))
    out = run_program(path, method, timeout=60)
    assert_outcome(out, CASES[("(i, i + 1)", keep)], "cannot pickle 'generator' object", "RESULT=")

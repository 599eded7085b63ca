"""MP206 when the Value/Lock/Queue comes from a helper that makes and returns it, written in the Process's arguments
(`args=[make_counter()]`): nothing else refers to it once start() drops its args (CPython #94765; fresh_reports4
args_cpython94765_value_created_in_helper, run under fork, spawn and forkserver). Its keep-alive fix binds the object
to a name, but not inside a loop: there the next turn drops it as early (observed: one of two spawned children
failed with FileNotFoundError after such a fix)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing


def make_counter():
    {body}


def demo(counter):
    with counter.get_lock():
        counter.value += 1


def launch():
{launch}


if __name__ == "__main__":
    launch()
"""
ONCE = ("    p = multiprocessing.Process(target=demo, args={args})\n    p.start()\n    p.join()")
LOOP = ("    procs = []\n    for _ in range(2):\n        p = multiprocessing.Process(target=demo, args={args})\n"
        "        p.start()\n        procs.append(p)\n    for p in procs:\n        p.join()")


def mp206(body: str, launch: str, args: str) -> list:
    source = PROGRAM.replace("{body}", body).replace("{launch}", launch.replace("{args}", args))
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP206"]


@pytest.mark.parametrize("args", ["[make_counter()]", "(make_counter(),)"])
def test_a_helper_that_returns_what_it_makes(args):
    [finding] = mp206('return multiprocessing.Value("i", 0)', ONCE, args)
    assert "make_counter() makes and returns" in finding.message and finding.fix is not None
    [looped] = mp206('return multiprocessing.Value("i", 0)', LOOP, args)
    assert looped.fix is None


def test_a_helper_that_keeps_it_too_or_a_name_bound_first():
    kept = 'global KEPT\n    KEPT = multiprocessing.Value("i", 0)\n    return KEPT'
    assert mp206(kept, ONCE, "[make_counter()]") == []
    bound = ONCE.replace("    p = multiprocessing", "    counter = make_counter()\n    p = multiprocessing")
    assert mp206('return multiprocessing.Value("i", 0)', bound, "[counter]") == []


def test_the_inline_fix_is_not_offered_in_a_loop_either():
    [finding] = mp206('return None', LOOP, '[multiprocessing.Value("i", 0)]')
    assert finding.fix is None
    [once] = mp206('return None', ONCE, '[multiprocessing.Value("i", 0)]')
    assert once.fix is not None

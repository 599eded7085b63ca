"""A threading.Thread held by an object that crosses to a child: refused by pickle whether started or not (it holds
locks from the moment it is made; the pickle catalog asked each Python). freshroastsr700 #20's shape (fresh_reports4
callable_freshroast_autoconnect_thread, run under fork, spawn and forkserver): a bound-method Process target whose
instance keeps the auto-connect Thread."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze
from mpguard.semantic.pickle_catalog import refused

PROGRAM = """
import multiprocessing as mp
import threading


class Roaster:
    def __init__(self):
        self.watcher = None
        self.proc = None

    def watch(self):
        self.watcher = threading.Thread(target=print)
        self.watcher.start()
{extra}
    def comm(self):
        pass

    def start(self):
        self.proc = {ctx}.Process(target=self.comm)
        self.proc.start()
        self.proc.join()


if __name__ == "__main__":
    roaster = Roaster()
    roaster.watch()
    roaster.start()
"""
GETSTATE = """
    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("watcher", None)
        return state
"""


def mp201(extra: str = "", ctx: str = "mp") -> list:
    source = PROGRAM.replace("{extra}", extra).replace("{ctx}", ctx)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]


def test_a_bound_method_target_whose_object_holds_a_thread():
    [finding] = mp201()
    assert ".watcher is a threading.Thread object" in finding.message
    # the running Python's own words (3.13 and 3.14: `cannot pickle '_thread._ThreadHandle' object`)
    assert refused("threading.Thread")[1] in finding.message


@pytest.mark.parametrize("extra, ctx", [(GETSTATE, "mp"), ("", 'mp.get_context("fork")')])
def test_left_out_of_the_state_or_never_pickled(extra, ctx):
    assert mp201(extra, ctx) == []

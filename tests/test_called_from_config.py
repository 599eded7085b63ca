"""A class or function kept in what the callers pass, called there (`config["agent"]["type"](config["agent"])`):
its body runs in the caller. fresh_reports4 daemon_visualforesight_agent_file_saver_manager (visual_foresight
#12: each Pool worker builds the agent named in its config, whose __init__ starts a Manager), observed
daemon_children under fork, spawn and forkserver. Also `dict(base, start_index=i)` holds base's values."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
from multiprocessing import Manager, Pool


def start_file_worker():
    m = Manager()
    return m, m.Queue()


class SavingAgent:
    def __init__(self, hp):
        self._manager, self._queue = start_file_worker()

    def sample(self, itr):
        return itr


class PlainAgent:
    def __init__(self, hp):
        self._hp = hp

    def sample(self, itr):
        return itr


class Sim:
    def __init__(self, config):
        self.agent = config["agent"]["type"](config["agent"])


def use_worker(conf):
    return Sim(conf).agent.sample(conf["start_index"])


def main():
    base = {"agent": {"type": AGENT, "T": 15}}
    confs = [dict(base, start_index=i) for i in range(2)]
    with Pool(2) as p:
        return p.map(use_worker, confs)


if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("agent, expected", [("SavingAgent", [("MP413", 6)]), ("PlainAgent", [])])
def test_a_class_named_in_the_workers_config(agent, expected):
    source = textwrap.dedent(PROGRAM.replace("AGENT", agent))
    assert [(f.code, f.start.row) for f in analyze(source, "case.py").findings] == expected


def test_the_parent_building_the_agent_is_not_a_worker():
    source = textwrap.dedent(PROGRAM.replace("AGENT", "SavingAgent").replace(
        "        return p.map(use_worker, confs)", "        return [use_worker(c) for c in confs], p"))
    assert [f.code for f in analyze(source, "case.py").findings] == []


@pytest.mark.parametrize("submit, expected", [
    ("p.apply_async(use_worker, (confs[0],)).get()", [("MP413", 6)]),
    ("p.apply_async(use_worker, args=(confs[1],)).get()", [("MP413", 6)]),
    ("list(p.imap_unordered(use_worker, confs))", [("MP413", 6)]),
    ("p.starmap(use_worker, [(c,) for c in confs])", []),  # (starmap's items are not bound to parameters yet)
])
def test_each_task_call_binds_its_arguments(submit, expected):
    """A pool task's parameters hold what each call is given: an item of map's iterable, apply_async's args."""
    source = textwrap.dedent(PROGRAM.replace("AGENT", "SavingAgent").replace(
        "return p.map(use_worker, confs)", "return " + submit))
    assert [(f.code, f.start.row) for f in analyze(source, "case.py").findings] == expected

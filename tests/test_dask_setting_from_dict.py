"""`dask.config.set(scheduler=SETTINGS["scheduler"])` with a module-level settings dict: the processes scheduler chosen
through a constant the program keeps (dask/distributed #516's shape; fresh_libs2 dask_config_processes_unguarded, run
under fork, spawn and forkserver: the bootstrapping RuntimeError)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import dask

SETTINGS = {"scheduler": "{scheduler}", "num_workers": 2}
{change}
dask.config.set(scheduler=SETTINGS["scheduler"])


@dask.delayed
def load(i):
    return i


print(dask.compute(*[load(i) for i in range(4)]))
"""


def mp101(scheduler: str, change: str = "") -> list:
    source = PROGRAM.replace("{scheduler}", scheduler).replace("{change}", change)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP101"]


def test_the_processes_scheduler_from_a_settings_dict():
    assert len(mp101("processes")) == 1


@pytest.mark.parametrize("scheduler, change", [("threads", ""), ("processes", 'SETTINGS["scheduler"] = "threads"')])
def test_threads_or_a_dict_the_program_changes(scheduler, change):
    assert mp101(scheduler, change) == []

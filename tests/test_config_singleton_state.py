"""MP302 for a config singleton of another project module (antismash #363, fresh_realistic8): the parent
stores its options in a class-level dict through a module function that calls a classmethod
(`update_config(values)` -> `Config._update(values)` -> `cls.__options.update(values)`), and pool tasks read
them through `get_config()` (a new `Config()`) whose `__getattr__` looks every option up in that dict. A
spawned or forkserver worker imports the module afresh: the dict is empty (`AttributeError`); a forked one has
the parent's. rules/imported_settings.py: in-place changes of a class attribute, writes reached through a
module function, instances made by a module function, and reads through `__getattr__`."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, run_program
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

CONFIG = """
class Config:
    __options = {}

    def __getattr__(self, name):
        try:
            return Config.__options[name]
        except KeyError:
            raise AttributeError(f"Config has no option {name!r}") from None

    @classmethod
    def _update(cls, values):
        cls.__options.update(values)

    def __len__(self):
        return len(Config.__options)


def update_config(values):
    Config._update(dict(values))
    return Config()


def get_config():
    return Config()
"""

MAIN = """
import sys
from multiprocessing import Pool

from kit.config import get_config, update_config


def detect(name):
    options = get_config()
    READ


def main():
    update_config({"tool": "prodigal", "cpus": 2})
    with Pool(2POOL) as pool:
        print("found", sorted(pool.map(detect, ["a", "b"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
"""

READS = 'return name, options.tool'


def project(tmp_path, read=READS, pool="", config=CONFIG):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "config.py").write_text(config)
    main = tmp_path / "main.py"
    main.write_text(MAIN.replace("READ", read).replace("POOL", pool))
    return main


def mp302(main):
    return [f for f in analyze_path(main, Settings(), project_root=main.parent).findings if f.code == "MP302"]


def test_the_singleton_set_in_main_and_read_by_pool_tasks(tmp_path):
    found = mp302(project(tmp_path))
    assert sorted(f.start.row for f in found) == [10, 14]  # the task's read, the parent's call that sets it
    assert all(f.start_methods == {"spawn", "forkserver"} for f in found)
    [read] = [f for f in found if f.start.row == 10]
    assert "`Config.__getattr__` looks `tool` up in it" in read.message


@pytest.mark.parametrize("config", [
    CONFIG.replace("cls.__options.update(values)", "cls.__options = dict(values)"),   # rebound, not updated
    CONFIG.replace("cls.__options.update(values)", "for k, v in values.items():\n            cls.__options[k] = v"),
])
def test_other_writes_of_the_class_attribute(tmp_path, config):
    assert mp302(project(tmp_path, config=config))


@pytest.mark.parametrize("variant", [
    {"pool": ", initializer=update_config, initargs=({'tool': 'prodigal'},)"},  # each worker sets it again
    {"read": "return name, len(name)"},                                          # the task reads no option
    {"read": "return name, len(options)"},                                       # a method, not an option
    {"config": CONFIG.replace("return Config.__options[name]", "return name.upper()")},  # __getattr__ reads no state
    {"config": CONFIG.replace("def get_config():\n    return Config()", "def get_config():\n    return {}")},
    {"config": CONFIG.replace("    @classmethod\n    def _update", "    @staticmethod\n    def _update")},
])
def test_near_misses_stay_silent(tmp_path, variant):
    assert not mp302(project(tmp_path, **variant))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("initializer", [False, True])
def test_runtime(tmp_path, method, initializer):
    pool = ", initializer=update_config, initargs=({'tool': 'prodigal'},)" if initializer else ""
    main = project(tmp_path, pool=pool)
    out = run_program(main, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, method != "fork" and not initializer, "Config has no option 'tool'", "found")

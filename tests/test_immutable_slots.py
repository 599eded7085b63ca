"""An object with `__slots__` and a `__setattr__` that only raises cannot be unpickled: pickle restores slots with
setattr() unless the class has `__setstate__` (dry-python/returns #202: `Success(data)` returned by a pool task;
fresh_reports4 results_returns_immutable_success_container and its near miss results_ok_returns_container_setstate,
run under fork, spawn and forkserver)."""
import textwrap

import pytest

from helpers import sent_back_copy
from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing


class ImmutableStateError(AttributeError):
    pass


class BaseContainer:
    __slots__ = {slots}

    def __init__(self, value):
        object.__setattr__(self, "_inner_value", value)

    def __setattr__(self, name, value):
        raise ImmutableStateError()
{extra}

class Success(BaseContainer):
    __slots__ = ()


def task(data):
    return Success(data)


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(len(pool.map(task, [1, 2])))
"""
SETSTATE = """
    def __getstate__(self):
        return self._inner_value

    def __setstate__(self, state):
        object.__setattr__(self, "_inner_value", state)
"""


def mp207(slots='("_inner_value",)', extra="") -> list:
    source = PROGRAM.replace("{slots}", slots).replace("{extra}", extra)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP207" and not sent_back_copy(f)]


def test_slots_restored_through_a_raising_setattr():
    [finding] = mp207()
    assert "ImmutableStateError" in finding.message and "__slots__" in finding.message


@pytest.mark.parametrize("slots, extra", [('("_inner_value",)', SETSTATE), ("()", "")])
def test_setstate_or_no_slots(slots, extra):
    assert mp207(slots, extra) == []

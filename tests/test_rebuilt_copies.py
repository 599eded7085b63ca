"""MP302 for an object whose unpickled copy is configured otherwise than the parent's (semantic/rebuilt_state,
rules/rebuilt_copies): `__getstate__` drops an attribute `__init__` built from a constructor argument, and
`__setstate__` rebuilds it without that argument. graphrag-toolkit #344 (fresh_libs16 graphrag344_region_lost_in_
workers): llama_index's BedrockConverse rebuilds its boto3 client from AWS_REGION, losing `region_name`. A pool
pickles its tasks and their arguments under every start method, a Process its arguments under spawn and forkserver.
Near misses: the argument kept in the state, not passed, passed as None. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

DIALER = """
    import os


    class Line:
        def __init__(self, region):
            self.region = region


    class Dialer:
        def __init__(self, name, region=None):
            self.name = name
            KEEP
            self._line = self._open(region)

        @staticmethod
        def _open(region):
            return Line(region or os.environ.get("DIAL_REGION", "home"))

        def __getstate__(self):
            state = self.__dict__.copy()
            state.pop("_line")
            return state

        def __setstate__(self, state):
            self.__dict__.update(state)
            self._line = self._open(REBUILT)

        def where(self):
            return self._line.region
"""

LOST = DIALER.replace("KEEP", "pass").replace("REBUILT", "None")
KEPT = DIALER.replace("KEEP", "self.region = region").replace("REBUILT", "self.region")

POOL_MAIN = """
    import sys
    from multiprocessing import Pool


    def ask(dialer):
        return dialer.where()


    if __name__ == "__main__":
        dialer = Dialer("calls", MADE)
        with Pool(2) as pool:
            got = pool.map(ask, [dialer, dialer])
        print("RESULT=%s" % got)
        sys.exit(0 if got == [dialer.where()] * 2 else 3)
"""

PROCESS_MAIN = """
    from multiprocessing import Process


    def report(dialer):
        print("child sees", dialer.where())


    if __name__ == "__main__":
        dialer = Dialer("calls", MADE)
        p = Process(target=report, args=(dialer,))
        p.start()
        p.join()
"""


def _one_file(dialer, main, made):
    return textwrap.dedent(dialer) + textwrap.dedent(main).replace("MADE", made)


def test_a_pool_argument_loses_the_region():
    [finding] = found(_one_file(LOST, POOL_MAIN, 'region="eu"'), "MP302")
    assert "built with `region='eu'`" in finding.message and sorted(finding.start_methods) == [
        "fork", "forkserver", "spawn"]


def test_a_process_argument_loses_it_under_spawn_and_forkserver():
    [finding] = found(_one_file(LOST, PROCESS_MAIN, '"eu"'), "MP302")
    assert sorted(finding.start_methods) == ["forkserver", "spawn"]


@pytest.mark.parametrize("dialer, made", [
    (KEPT, 'region="eu"'),  # the region kept in the state, and the copy rebuilt from it
    (LOST, ""),  # not passed: the copy is built from the environment like the original
    (LOST, "region=None"),
])
def test_near_misses_say_nothing(dialer, made):
    src = _one_file(dialer, POOL_MAIN, made).replace('Dialer("calls", )', 'Dialer("calls")')
    assert found(src, "MP302") == []


TRANSFORM = """
    from concurrent.futures import ProcessPoolExecutor


    class Ask:
        def __init__(self, dialer):
            self.dialer = dialer

        def __call__(self, n):
            return self.dialer.where()


    def fan_out(task, items):
        with ProcessPoolExecutor(2) as ex:
            return list(ex.map(task, items))
"""

CROSS_MAIN = """
    from dataclasses import dataclass

    from calls.dialer import Dialer
    from calls.fan import Ask, fan_out


    @dataclass
    class Settings:
        region: str = REGION


    class App:
        def __init__(self, settings):
            self.dialer = Dialer("app", region=settings.region)

        def run(self):
            return fan_out(Ask(self.dialer), [1, 2])


    if __name__ == "__main__":
        print("RESULT=%s" % App(Settings()).run())
"""


def test_a_callable_object_holding_it_handed_to_another_modules_pool(tmp_path):
    root = project(tmp_path, {"calls/__init__.py": "", "calls/dialer.py": LOST, "calls/fan.py": TRANSFORM,
                              "main.py": CROSS_MAIN.replace("REGION", '"eu"')})
    [finding] = findings(root / "main.py", "MP302")
    assert finding.start.row == 18 and "fan_out()" in finding.message
    root = project(tmp_path / "kept", {"calls/__init__.py": "", "calls/dialer.py": KEPT, "calls/fan.py": TRANSFORM,
                                       "main.py": CROSS_MAIN.replace("REGION", '"eu"')})
    assert findings(root / "main.py", "MP302") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "lost.py"
    path.write_text(_one_file(LOST, POOL_MAIN, 'region="eu"'))
    out = run_program(path, method, timeout=60, drop_env=("DIAL_REGION",))
    assert out.returncode == 3 and "RESULT=['home', 'home']" in out.stdout, out.stderr
    path = tmp_path / "kept.py"
    path.write_text(_one_file(KEPT, POOL_MAIN, 'region="eu"'))
    out = run_program(path, method, timeout=60, drop_env=("DIAL_REGION",))
    assert out.returncode == 0 and "RESULT=['eu', 'eu']" in out.stdout, out.stderr

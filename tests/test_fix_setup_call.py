"""MP302 for a registry a class holds, filled by the parent at run time (`Registry.scorers[name] = func` through
`load_plugins([...])` in main(), before the pool; BiG-SCAPE's shape, fresh_realistic3
globals_bigscape_plugin_registry_filled_in_main): the pool's workers run the same call first
(fixes/setup_call.py). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, state_dispatch_copy
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing
import sys


class Registry:
    scorers = {}

    @classmethod
    def register(cls, name, func):
        STORE

    @classmethod
    def score(cls, name, value):
        return cls.scorers[name](value)


def square(x):
    return x * x


def load_plugins(names):
    available = {"square": square}
    for name in names:
        Registry.register(name, available[name])


def score(x):
    return Registry.score("square", x)


def main():
    CALL
    with multiprocessing.Pool(2) as pool:
        print("RESULT=%s" % pool.map(score, [2, 3]))


if __name__ == "__main__":
    main()
'''

ITEM = "cls.scorers[name] = func"


def program(store=ITEM, call='load_plugins(["square"])'):
    return SOURCE.replace("STORE", store).replace("CALL", call)


def mp302(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP302" and not state_dispatch_copy(f)]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_pool_runs_the_filling_call_first():
    [finding] = mp302(program())
    assert finding.fix.applicability is Applicability.UNSAFE
    out = fixed(program())
    assert parses(out)
    assert '    with multiprocessing.Pool(2, initializer=functools.partial(load_plugins, ["square"])) as pool:\n' in out
    assert mp302(out) == []


@pytest.mark.parametrize("store, call", [
    ("cls.scorers.setdefault(name, []).append(func)", 'load_plugins(["square"])'),  # a second copy in a forked worker
    (ITEM, "load_plugins(sys.argv[1:] or ['square'])"),  # not a literal
    (ITEM, 'load_plugins(["square"])\n    load_plugins(["square"])'),  # which call: two
])
def test_no_fix(store, call):
    findings = mp302(program(store, call))
    assert findings and all(f.fix is None for f in findings)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(program())
    before = run_program(path, method, timeout=120)
    assert (before.returncode == 0) is (method == "fork"), before.stderr
    path.write_text(fixed(program()))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=[4, 9]" in after.stdout, after.stderr

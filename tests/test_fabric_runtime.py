"""Lightning Fabric's launch() run for real on the CPU (accelerator="cpu", devices=2, gloo) under the three
start methods: strategy="ddp_spawn", "ddp_fork" and DDPStrategy(start_method="forkserver"). What
tests/test_rules_fabric.py asserts on source strings is checked here against what happened, and mpguard's
findings on the very program are compared with it.

Skips when lightning (and torch) are not installed: `pip install torch==2.13.0 lightning` (a CPU build
of torch; CI does not install them)."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from helpers import run_in_session

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("lightning") is None or importlib.util.find_spec("torch") is None,
                       reason="lightning is not installed (pip install torch==2.13.0 lightning)"),
    pytest.mark.skipif(sys.platform == "win32", reason="fork and forkserver are POSIX-only"),
]

PROGRAM = '''
import sys
import threading

from lightning.fabric import Fabric
from lightning.fabric.strategies import DDPStrategy


def train(fabric, x):
    return x * 2


def count(fabric, items):
    return len(items)


def failed(label, e):
    print(label, "FAIL", type(e).__name__ + ": " + str(e).splitlines()[0], flush=True)


def main(method):
    def local(fabric, x):
        return x

    strategy = {"spawn": "ddp_spawn", "fork": "ddp_fork"}.get(method) or DDPStrategy(start_method="forkserver")
    fabric = Fabric(accelerator="cpu", devices=2, strategy=strategy)
    print("module_function OK", fabric.launch(train, 3), flush=True)
    try:
        print("lambda OK", fabric.launch(lambda fabric, x: x, 3), flush=True)
    except Exception as e:
        failed("lambda", e)
    try:
        print("local OK", fabric.launch(local, 3), flush=True)
    except Exception as e:
        failed("local", e)
    try:
        print("lock_argument OK", fabric.launch(count, [threading.Lock()]), flush=True)
    except Exception as e:
        failed("lock_argument", e)


if __name__ == "__main__":
    main(sys.argv[1])
'''
# What mpguard says of each strategy: the program with it spelled out (the runtime picks it by argument).
SPELLED = {"spawn": '"ddp_spawn"', "fork": '"ddp_fork"', "forkserver": 'DDPStrategy(start_method="forkserver")'}


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_fabric_launch(tmp_path, method):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    for _attempt in range(2):
        run = run_in_session([sys.executable, str(script), method], text=True, timeout=600,
                             cwd=tmp_path)
        seen = {line.split()[0]: line.split(" ", 2)[1] for line in run.stdout.splitlines() if " OK " in line
                or " FAIL " in line}
        # The module-level function is the control: it launches under every strategy. When even it did not run,
        # the two gloo ranks did not meet (seen once in a loaded CI run), which says nothing of pickling: once more.
        if seen.get("module_function") == "OK":
            break
    assert seen.get("module_function") == "OK", run.stdout + run.stderr[-3000:]
    if method == "fork":
        assert seen == {"module_function": "OK", "lambda": "OK", "local": "OK", "lock_argument": "OK"}
    else:
        assert seen == {"module_function": "OK", "lambda": "FAIL", "local": "FAIL", "lock_argument": "FAIL"}, \
            run.stdout
        assert "cannot pickle '_thread.lock' object" in run.stdout
    spelled = tmp_path / "spelled.py"
    spelled.write_text(PROGRAM.replace("strategy=strategy)", f"strategy={SPELLED[method]})"))
    found = analyze_path(spelled, Settings(), project_root=tmp_path).findings
    got = sorted((f.start.row, f.code) for f in found)
    if method == "fork":
        assert got == []
    else:  # the lambda, the nested function, the lock: the failures seen above
        assert got == [(29, "MP201"), (33, "MP201"), (37, "MP203")], got

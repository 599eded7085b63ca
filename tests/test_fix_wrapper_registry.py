"""MP201 of a decorator's wrapper reached through a registry the decorator fills (`HOOKS[name] = timed`;
`Process(target=HOOKS[name])`): the wrapper gets `@functools.wraps(fn)` when the decorator returns it and is
only applied with `@` to top-level functions, so each decorated name holds its wrapper and pickle finds it
there. Lifting the wrapper instead (what the fix did before) captured the undecorated function in a
`functools.partial`, which pickle cannot find by its name either (fresh_realistic5
cache_service_hook_unwrapped_decorator: still a pickling error under spawn). Proven under fork, spawn and
forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing as mp
import sys
import time

HOOKS = {}


def hook(name):
    def decorate(fn):
        def timed(*args, **kwargs):
            started = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                print(f"hook {name} took {time.monotonic() - started:.3f}s")
        HOOKS[name] = timed
        return RETURNED
    return decorate


@hook("double")
def double(x):
    print(f"RESULT={2 * x}")


def trigger(name, x):
    job = mp.Process(target=HOOKS[name], args=(x,))
    job.start()
    return job


if __name__ == "__main__":
    job = trigger("double", 21)
    job.join()
    sys.exit(job.exitcode)
'''


def findings(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP201"]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_the_wrapper_the_decorator_returns_gets_wraps():
    text = SOURCE.replace("RETURNED", "timed")
    [finding] = findings(text)
    assert finding.fix.applicability is Applicability.SAFE
    out = fixed(text)
    assert parses(out)
    assert "import time\nimport functools\n" in out
    assert "    def decorate(fn):\n        @functools.wraps(fn)\n        def timed(*args, **kwargs):\n" in out
    assert findings(out) == []


def test_a_decorator_that_returns_the_function_is_not_given_wraps():
    # the module name holds the undecorated function: a wrapper named after it would not be found
    text = SOURCE.replace("RETURNED", "fn")
    [finding] = findings(text)
    assert finding.fix is not None and "wraps" not in finding.fix.message
    assert "functools.wraps" not in fixed(text)


def test_a_decorator_applied_by_a_call_is_not_given_wraps():
    text = SOURCE.replace("RETURNED", "timed").replace('@hook("double")\ndef double(x):', 'def double(x):') \
        .replace('def trigger(', 'doubled = hook("double")(double)\n\n\ndef trigger(')
    [finding] = findings(text)
    assert finding.fix is None or "wraps" not in finding.fix.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    text = SOURCE.replace("RETURNED", "timed")
    path = tmp_path / "prog.py"
    path.write_text(text)
    before = run_program(path, method, timeout=120)
    if method == "fork":
        assert before.returncode == 0 and "RESULT=42" in before.stdout, before.stderr
    else:
        assert before.returncode != 0 and "local object" in before.stderr  # (3.11-3.13 word it differently)
    path.write_text(fixed(text))
    after = run_program(path, method, timeout=120)
    assert after.returncode == 0 and "RESULT=42" in after.stdout, after.stderr

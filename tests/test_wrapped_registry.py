"""A decorator's wrapper kept in a registry and handed to a child: with `@functools.wraps(fn)` and returned by the
decorator, it takes `fn`'s module and name, and the module's name for the decorated function is the wrapper itself,
so pickle finds it by reference (rajatkb/Conference-Notify #26, fresh_realistic5's blind false alarm). Without
`wraps`, or when the decorator returns `fn` and keeps the wrapper only in the registry, pickle refuses it. Proven under
fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, codes, run_program

HOOKS = """
import functools
import multiprocessing as mp

HOOKS = {}


def hook(name):
    def decorate(fn):
        WRAPS
        def timed(*args, **kwargs):
            return fn(*args, **kwargs)
        HOOKS[name] = timed
        return RETURNED
    return decorate


@hook("flush")
def flush_cache(value):
    print("RESULT=%s" % value)


def trigger(name):
    job = mp.Process(target=HOOKS[name], args=("flushed",))
    job.start()
    job.join()
    return job.exitcode


if __name__ == "__main__":
    raise SystemExit(trigger("flush"))
"""

# (the wrapper's decorator line, what the decorator returns) -> does pickle refuse the registry's wrapper
SHAPES = {("@functools.wraps(fn)", "timed"): False, ("", "timed"): True, ("@functools.wraps(fn)", "fn"): True}


def _source(wraps, returned):
    return HOOKS.replace("WRAPS", wraps or "pass").replace("RETURNED", returned)


@pytest.mark.parametrize("wraps, returned", sorted(SHAPES))
def test_a_registry_of_wrapped_hooks(wraps, returned):
    assert ("MP201" in codes(_source(wraps, returned))) is SHAPES[(wraps, returned)]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("wraps, returned", sorted(SHAPES))
def test_runtime(tmp_path, wraps, returned, method):
    path = tmp_path / "hooks.py"
    path.write_text(_source(wraps, returned))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    refused = SHAPES[(wraps, returned)] and method != "fork"  # (a Process target is pickled only by spawn/forkserver)
    assert_outcome(out, refused, ("Can't pickle", "Can't get local object", "not the same object"), "RESULT=flushed")

"""MP401 for a set_start_method() in a `try` that always fails: the module already set the method at every import
(ExTrack #6; rules/failing_resets.py). The `try`'s later statements never run and its handler always does. The
tolerant idiom (`try: set_start_method(...) except RuntimeError: pass`, nothing more in the `try`) stays silent."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, run_program

SETUP = """
    import multiprocessing

    multiprocessing.set_start_method("spawn", force=FORCE)


    def square(x):
        return x * x


    def parallel_squares(values):
        try:
            multiprocessing.set_start_method("spawn")
            with multiprocessing.Pool(2) as pool:
                return "pool", pool.map(square, values)
        except RuntimeError:
            pass
        return "serial", [square(v) for v in values]


    if __name__ == "__main__":
        print(*parallel_squares([1, 2, 3]))
"""


def _rows(src: str) -> list:
    return [f.start.row for f in found(src, "MP401")]


def test_the_rest_of_the_try_never_runs():
    src = SETUP.replace("FORCE", "False")
    lines = textwrap.dedent(src).splitlines()
    row = lines.index('        multiprocessing.set_start_method("spawn")') + 1
    assert row in _rows(src)


def test_under_a_top_level_try_too():
    src = SETUP.replace('multiprocessing.set_start_method("spawn", force=FORCE)\n',
                        'try:\n        multiprocessing.set_start_method("spawn")\n    except RuntimeError:\n        pass\n')
    assert _rows(src)


def test_the_tolerant_idiom_alone_is_silent():
    src = SETUP.replace("FORCE", "False").replace(
        '            with multiprocessing.Pool(2) as pool:\n                return "pool", pool.map(square, values)\n',
        "")
    assert "set_start_method" in src and _rows(src) == []


def test_an_import_time_call_under_a_test_is_not_certain():
    src = SETUP.replace('multiprocessing.set_start_method("spawn", force=FORCE)',
                        'if __name__ != "__main__":\n        multiprocessing.set_start_method("spawn")')
    assert _rows(src) == []


def test_a_forced_second_call_is_silent():
    src = SETUP.replace("FORCE", "False").replace('set_start_method("spawn")\n            with',
                                                  'set_start_method("spawn", force=True)\n            with')
    assert _rows(src) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_the_pool_is_never_used(tmp_path, method):
    """Whatever the default, the second call raises and the function falls back to its serial path."""
    path = tmp_path / "squares.py"
    path.write_text(textwrap.dedent(SETUP.replace("FORCE", "True")))
    assert_outcome(run_program(path, method, timeout=30), False, "", "serial [1, 4, 9]")

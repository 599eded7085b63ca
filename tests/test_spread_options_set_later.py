"""MP201 for a pool initializer that reaches `Pool(**options)` through a dict whose key is set by subscript
assignment after its literal, possibly under a condition (a may-value), in a helper that returns the dict
(fresh_realistic9 ttflash93: `options["initializer"] = lambda: signal.signal(...)` under `if ignore_sigint:`).
The helper may be walked before the call (the dict itself) or after it (its result, resolved when a rule asks:
only a key the dict surely has). Near misses: a module-level initializer, the key set again to one, a key that is
not a constant. Proven under fork, spawn and forkserver."""
import sys
import textwrap

import pytest
from helpers import found, rows, run_program

HELPER = """
    import signal


    def quiet_worker():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


    def pool_settings(jobs, quiet=True):
        settings = {{"processes": min(len(jobs), 2)}}
        settings["maxtasksperchild"] = 10
        if quiet:
            settings["initializer"] = {initializer}
        {extra}
        return settings
"""

CALLER = """
    from multiprocessing import Pool


    def convert(job):
        return job.upper()


    def convert_all(jobs, quiet=True):
        settings = pool_settings(jobs, quiet)
        with Pool(**settings) as pool:
            return pool.map(convert, jobs)
"""

MAIN = """

    if __name__ == "__main__":
        print("RESULT=%s" % convert_all(["a", "b", "c"]))
"""

LAMBDA = "lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)"


def _program(helper_first: bool, initializer=LAMBDA, extra="") -> str:
    helper = textwrap.dedent(HELPER.format(initializer=initializer, extra=extra))
    caller = textwrap.dedent(CALLER)
    body = helper + caller if helper_first else caller.replace("from multiprocessing import Pool\n", "") + helper
    if not helper_first:
        body = "from multiprocessing import Pool\n" + body
    return body + textwrap.dedent(MAIN)


@pytest.mark.parametrize("helper_first", [True, False])
def test_a_key_set_after_the_literal_reaches_the_pool(helper_first):
    src = _program(helper_first)
    found_ = found(src, "MP201")
    assert len(found_) == 1 and "Pool initializer is a lambda" in found_[0].message
    assert rows(src, "MP201") == [src.splitlines().index("    with Pool(**settings) as pool:") + 1]


@pytest.mark.parametrize("helper_first", [True, False])
@pytest.mark.parametrize("initializer, extra", [
    ("quiet_worker", ""),
    (LAMBDA, 'settings["initializer"] = quiet_worker'),
])
def test_near_misses(helper_first, initializer, extra):
    assert found(_program(helper_first, initializer, extra), "MP201") == []


def test_a_key_that_is_not_a_constant_is_not_guessed():
    src = _program(True).replace('settings["initializer"] =', 'settings["init" + "ializer"] =')
    assert found(src, "MP201") == []


def test_a_keyword_mapping_parameter():
    src = """
        from multiprocessing import Pool


        def work(x):
            return x


        def start(items, **options):
            with Pool(**options) as pool:
                return pool.map(work, items)


        def main():
            start([1], processes=2, initializer=lambda: None)


        if __name__ == "__main__":
            main()
    """
    assert len(found(src, "MP201")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    if sys.platform == "win32":
        pytest.skip("needs fork")
    for name, src, fails in (("bad.py", _program(False), method != "fork"),
                             ("good.py", _program(False, "quiet_worker"), False)):
        path = tmp_path / name
        path.write_text(src)
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if fails:
            assert out.returncode != 0 and "lambda" in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=['A', 'B', 'C']" in out.stdout, out.stderr

"""An attribute that __init__ stores only under an `if` decided by the constructor call's own arguments
(fresh_realistic9 logprep186: `self.level = config["logger"]["level"]`, then `if self.level == "DEBUG":
self._debug_handler = logging.StreamHandler(...)`, the config a module constant carried through two constructors
and a `self` attribute). An object made with "INFO" never holds the handler, so its bound method pickles; made with
"DEBUG" it does not (MP201 stays). Undecided tests (a value read at run time) keep the attribute as before. Proven
under fork, spawn and forkserver."""
import sys

import pytest
from helpers import found, run_program

PROGRAM = """
    import logging
    import multiprocessing
    import sys

    SETTINGS = {{"name": "ingest", "log": {{"verbosity": {level!r}}}, "shards": 2}}


    class Shard:
        def __init__(self, number, settings, results):
            self.number = number
            self.results = results
            self.verbosity = settings["log"]["verbosity"]
            {test}
                self._trace = logging.StreamHandler(sys.stderr)

        def work(self):
            self.results.put(self.number * 10)


    class Coordinator:
        def __init__(self, settings):
            self.settings = settings
            self.results = multiprocessing.Queue()

        def launch(self):
            procs = []
            for number in range(self.settings["shards"]):
                shard = Shard(number, self.settings, self.results)
                procs.append(multiprocessing.Process(target=shard.work))
            for p in procs:
                p.start()
            got = sorted(self.results.get(timeout=10) for _ in procs)
            for p in procs:
                p.join()
            return got


    if __name__ == "__main__":
        print("RESULT=%s" % Coordinator(SETTINGS).launch())
"""

TESTS = {
    "equal": 'if self.verbosity == "trace":',
    "not equal": 'if self.verbosity != "quiet":',
    "member": 'if self.verbosity in ("trace", "debug"):',
    "parameter": 'if settings["log"]["verbosity"] == "trace":',
}


def _program(level, test="equal"):
    return PROGRAM.format(level=level, test=TESTS[test])


@pytest.mark.parametrize("test", sorted(TESTS))
def test_true_condition_keeps_the_attribute(test):
    assert len(found(_program("trace", test), "MP201")) == 1


@pytest.mark.parametrize("test", ["equal", "member", "parameter"])
def test_false_condition_drops_the_attribute(test):
    assert found(_program("info", test), "MP201") == []


def test_not_equal_false_for_quiet():
    assert found(_program("quiet", "not equal"), "MP201") == []


def test_a_value_read_at_run_time_stays_undecided():
    src = _program("info").replace('"verbosity": \'info\'', '"verbosity": sys.argv[-1]')
    assert "sys.argv[-1]" in src
    assert len(found(src, "MP201")) == 1


def test_an_attribute_set_again_elsewhere_stays():
    src = _program("info").replace("        def work(self):\n",
                                   "        def verbose(self):\n"
                                   "            self._trace = logging.StreamHandler(sys.stderr)\n\n"
                                   "        def work(self):\n")
    assert len(found(src, "MP201")) == 1


def test_a_level_rebound_before_the_test_stays_undecided():
    src = _program("info").replace('            self.verbosity = settings["log"]["verbosity"]\n',
                                   '            self.verbosity = settings["log"]["verbosity"]\n'
                                   '            settings = {"log": {"verbosity": "trace"}}\n')
    assert len(found(src.replace(TESTS["equal"], TESTS["parameter"]), "MP201")) == 1


def test_two_objects_of_one_class_judged_each():
    src = _program("info").replace(
        'print("RESULT=%s" % Coordinator(SETTINGS).launch())',
        'print("RESULT=%s" % Coordinator(SETTINGS).launch())\n'
        '        loud = Shard(9, {"log": {"verbosity": "trace"}}, multiprocessing.Queue())\n'
        '        multiprocessing.Process(target=loud.work).start()')
    assert len(found(src, "MP201")) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    if sys.platform == "win32":
        pytest.skip("needs fork")
    import textwrap
    for level, fails in (("trace", method != "fork"), ("info", False)):
        path = tmp_path / f"shards_{level}.py"
        path.write_text(textwrap.dedent(_program(level)))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if fails:
            assert out.returncode != 0 and "pickle" in out.stderr and "RLock" in out.stderr, out.stderr
        else:
            assert out.returncode == 0 and "RESULT=[0, 10]" in out.stdout, out.stderr

"""An item of an item of a parameter (`cfg["transforms"][name]`) is what the callers' dict holds there:
fresh_libs3 joblib_mp_backend_lambda_from_config (bayesmark #8's lambda kept in a config, run through joblib's
multiprocessing backend, which pickles with plain pickle). Before, the second subscript of a value known only
later gave nothing, so the lambda was never seen."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
from multiprocessing import Pool


def square(v):
    return v * v


CONFIG = {
    "workers": 2,
    "transforms": {"square": {square}, "neg": {neg}},
}


def run_stage(cfg, name, values):
    fn = cfg["transforms"]{key}
    with Pool(cfg["workers"]) as pool:
        return pool.map(fn, values)


if __name__ == "__main__":
    print(run_stage(CONFIG, "square", [1, 2, 3]))
"""


def mp201(square: str, neg: str, key: str) -> list:
    source = PROGRAM.replace("{square}", square).replace("{neg}", neg).replace("{key}", key)
    return [f.start.row for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP201"]


@pytest.mark.parametrize("key", ["[name]", '["neg"]', ".get(name)"])
def test_a_lambda_under_the_key_or_any_key_is_flagged(key):
    assert mp201("square", "lambda v: -v", key) == [18]


def test_named_functions_only_are_quiet():
    assert mp201("square", "abs", "[name]") == []


def test_the_key_that_holds_a_named_function_is_quiet():
    assert mp201("square", "lambda v: -v", '["square"]') == []


def test_joblib_multiprocessing_backend_from_the_same_config():
    source = textwrap.dedent('''
        from joblib import Parallel, delayed

        CONFIG = {"n_jobs": 2, "backend": BACKEND, "transforms": {"square": lambda v: v * v}}


        def run_stage(cfg, name, values):
            fn = cfg["transforms"][name]
            runner = Parallel(n_jobs=cfg["n_jobs"], backend=cfg["backend"])
            return runner(delayed(fn)(v) for v in values)


        if __name__ == "__main__":
            print(run_stage(CONFIG, "square", [1, 2]))
        ''')
    codes = lambda backend: [f.code for f in analyze(source.replace("BACKEND", backend), "case.py").findings]
    assert codes('"multiprocessing"') == ["MP201"]
    assert codes('"loky"') == []  # cloudpickle takes the lambda
    assert codes('"threading"') == []


WITH_CONFIG = '''
from joblib import Parallel, delayed, parallel_config

OPTIONS = {"backend": BACKEND, "n_jobs": JOBS}


def weight(sample):
    return len(sample)


def extract(samples, options):
    with parallel_config(backend=options["backend"], n_jobs=options["n_jobs"]):
        return Parallel()(delayed(weight)(s) for s in samples)


weights = extract(["s1", "s2"], OPTIONS)
'''


@pytest.mark.parametrize("backend, jobs, codes", [
    ('"multiprocessing"', "2", ["MP101"]),  # fresh_libs3 joblib_parallel_config_mp_unguarded (SigProfilerExtractor #121)
    ('"threading"', "2", []),
    ('"multiprocessing"', "1", []),  # in the parent
    ('"fancy"', "2", []),  # a backend we do not know: say nothing
])
def test_parallel_config_backend_from_a_parameter_dict(backend, jobs, codes):
    source = WITH_CONFIG.replace("BACKEND", backend).replace("JOBS", jobs)
    assert [f.code for f in analyze(textwrap.dedent(source), "case.py").findings] == codes


def test_parallel_config_backend_from_a_dict_the_program_changes_is_not_read():
    source = WITH_CONFIG.replace("BACKEND", '"multiprocessing"').replace("JOBS", "2") + \
        'OPTIONS["backend"] = "threading"\n'
    assert [f.code for f in analyze(textwrap.dedent(source), "case.py").findings] == []

"""The library corpus (tests/corpus/libraries) is ground truth because it was run: a sample of it, one
hazard and one near miss per library, is run again here under fork, spawn and forkserver (imposed as
the default start method of multiprocessing and of multiprocess) and must behave as recorded.

The libraries come from the `libs` extra (`pip install -e '.[libs]'`); a case whose library is not
installed is skipped with the reason. The whole corpus is rerun by
`python tests/corpus/run_oracle.py --corpus tests/corpus/libraries --jobs 2`."""
from __future__ import annotations

import importlib.util
import json
import platform
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
FOLDER = CORPUS / "libraries"
METHODS = ("fork", "spawn", "forkserver")
# case -> the module it needs. Slow cases (hangs, dask clusters) are left to run_oracle.py.
SAMPLE = {
    "pathos_generator_items": "pathos",
    "pathos_lambda_map_ok": "pathos",
    "multiprocess_guard_defined_ok": "multiprocess",
    "pebble_schedule_lambda": "pebble",
    "pebble_fork_context_ok": "pebble",
    "mpire_spawn_lambda": "mpire",
    "mpire_noguard_ok": "mpire",
    "tqdm_process_map_lambda": "tqdm",
    "tqdm_thread_map_lambda_ok": "tqdm",
    "joblib_multiprocessing_lambda": "joblib",
    "joblib_loky_lambda_ok": "joblib",
    "dask_threads_at_import_ok": "dask",
    "manager_register_lambda": "multiprocessing",
    "uvicorn_app_object_workers": "uvicorn",
    "pandarallel_generator_result": "pandarallel",
    "pandarallel_lambda_ok": "pandarallel",
    "datasets_map_generator_fn_kwargs": "datasets",
    "datasets_map_lambda_tokenizer_ok": "datasets",
    "multiprocess_lambda_reads_guard_global": "multiprocess",
    "pathos_lambda_default_binds_guard_global_ok": "pathos",
    "dask_config_set_threads_bag_ok": "dask",
    "dask_config_set_in_main_sqlite": "dask",
    "uvicorn_settings_dataclass_workers": "uvicorn",
    "uvicorn_config_class_single_worker_ok": "uvicorn",
    "joblib_parallel_backend_statement_lambda": "joblib",
    "joblib_parallel_config_threading_statement_ok": "joblib",
    "joblib_multiprocessing_no_n_jobs_ok": "joblib",
}


def _runner():
    spec = importlib.util.spec_from_file_location("mpguard_corpus_runner_libs", CORPUS / "run_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _recorded() -> dict | None:
    version = platform.python_version()
    candidates = [FOLDER / f"results_py{version}.json"]
    if version.startswith("3.11."):
        candidates.insert(0, FOLDER / "results.json")
    for path in candidates:
        if path.exists():
            return json.loads(path.read_text())["cases"]
    return None


def test_the_sample_is_in_the_corpus():
    names = {p.stem for p in (FOLDER / "cases").glob("*.py")}
    assert set(SAMPLE) <= names


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_the_library_program_behaves_as_recorded(name):
    if importlib.util.find_spec(SAMPLE[name]) is None:
        pytest.skip(f"{SAMPLE[name]} is not installed (pip install -e '.[libs]')")
    recorded = _recorded()
    if recorded is None:
        pytest.skip(f"no recorded runs of tests/corpus/libraries for Python {platform.python_version()}")
    runner = _runner()
    runner.use_corpus(str(FOLDER))
    meta = runner.parse_header(FOLDER / "cases" / f"{name}.py")
    for method in METHODS:
        run = runner.run_one(sys.executable, name, method, meta["timeout"])
        expected = recorded[name]["runs"][method]["outcome"]
        assert run["outcome"] == expected, (method, run.get("first_exception"), run.get("exceptions"))

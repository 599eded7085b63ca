"""The corpora under tests/corpus are ground truth because they were run: each program is run again
here under fork, spawn and forkserver (imposed as the interpreter's default start method, as
run_oracle.py does) and must behave as its recorded run did on this Python version.

The realistic, bug-report, fresh_values and fresh_flow corpora (written from real reports; each case's
header names its source) are run in full. So is fresh_reports, except its programs that import a library
that is not installed (joblib, tqdm: the `libs` extra) and those whose recorded runs hang until the case
timeout (left to `run_oracle.py`, to keep the suite fast); so are fresh_reports2 and fresh_reports3, except the
programs whose recorded runs hang; so are fresh_realistic, fresh_realistic6, fresh_realistic7, fresh_reports8 and fresh_reports9, except the programs
whose recorded
runs hang. Of fresh_libs (scripts
through third-party libraries) a sample of three runs, each skipped when its library is missing; the same for
fresh_libs4 (library scripts carrying client objects of redis, tqdm's lock, ...) and fresh_libs5 (redis, loguru,
requests through tqdm) and fresh_libs6 (click, numpy, requests) and fresh_libs7 (joblib, tqdm) and fresh_libs8
(boto3, SQLAlchemy). The oracle (175
programs, copied from the team's shared oracle) is run by
`python tests/corpus/run_oracle.py`; here a sample of it keeps the suite fast."""
from __future__ import annotations

import ast
import importlib.util
import json
import platform
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import runtime_proofs_or_skip

CORPUS = Path(__file__).parent / "corpus"
METHODS = ("fork", "spawn", "forkserver")
ORACLE_SAMPLE = ("alias_cf_map_lambda", "args_process_thread_lock", "callable_ok_partial_top_level")
# fresh_libs (third-party libraries; tests/corpus/fresh_libs) is run in full by run_oracle.py; a quick sample
# here, two hazards and a near miss, each skipped when its library is missing
FRESH_LIBS_SAMPLE = ("joblib_mp_backend_threshold_closure", "pebble_pool_map_nested_parser",
                     "tqdm_thread_map_closure_unguarded_ok")
# fresh_libs4 likewise: a Process subclass holding redis.Redis (spawn/forkserver), tqdm's default lock in Pool
# initargs (spawn/forkserver) and mpire's fork inheriting a redis client (a near miss); each imports its libraries
# itself (not through the l4kit helper package), so a missing one is skipped
FRESH_LIBS4_SAMPLE = ("redis_worker_client_in_init", "tqdm_pool_initargs_default_lock", "mpire_fork_shared_redis_client")
# fresh_libs5 likewise: a RedisQueue in Process args (spawn/forkserver), loguru's enqueue queue made in the fork default
# context given to a spawn executor's initargs (fork only) and a requests.Session in a partial given to tqdm's
# process_map (a near miss); none goes through the l5kit helper package, so a missing library is skipped
FRESH_LIBS5_SAMPLE = ("wswp_redis_queue_process_args", "loguru_stderr_initargs_spawn_executor",
                      "tqdm_process_map_requests_session")
# fresh_libs6 likewise: a click Context.invoke as a Process target (spawn/forkserver), a module-level numpy Generator
# drawn from in forked children (fork only) and a requests Session with a Retry adapter in a submit (a near miss);
# each imports its library itself (not through the l6kit helper package), so a missing one is skipped (found with
# importlib.util.find_spec, never imported here)
FRESH_LIBS6_SAMPLE = ("pyspider995_ctx_invoke_as_target", "numpy27814_module_default_rng_forked",
                      "oauthlib849_session_with_retry_adapter")
# fresh_libs7 likewise: lambdas sent with joblib's multiprocessing backend (every method), mwxml's local processor
# handed to one Process per file through the l7kit helper (spawn/forkserver) and tqdm's thread_map of a local closure
# (a near miss); a missing library is skipped
FRESH_LIBS7_SAMPLE = ("joblibdoc_multiprocessing_backend_lambda", "mwxml18_dump_map_local_processor",
                      "signacflow417_status_thread_map_local")
# fresh_libs8 likewise: a boto3 client in Process args (spawn/forkserver), a queue.Queue handed to a Process (a
# pickling error where spawned, a lost result under fork) and a SQLAlchemy engine made per process (a near miss);
# each imports its library itself, so a missing one is skipped
FRESH_LIBS8_SAMPLE = ("metaflow1589_s3_client_to_worker_process", "pad122_train_process_thread_queue",
                      "pgsync255_parallel_sync_engine_per_process")


def _runner():
    spec = importlib.util.spec_from_file_location("mpguard_corpus_runner", CORPUS / "run_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNNER = _runner()


def _results(corpus: str) -> dict | None:
    """The recorded runs for this interpreter's version (results.json is 3.11's)."""
    version = platform.python_version()
    folder = CORPUS / corpus
    candidates = [folder / f"results_py{version}.json"] + sorted(folder.glob(f"results_py{version.rsplit('.', 1)[0]}*.json"))
    if version.startswith("3.11."):
        candidates.insert(0, folder / "results.json")
    for path in candidates:
        if path.exists():
            return json.loads(path.read_text())["cases"]
    return None


def _hangs(recorded: dict | None, name: str) -> bool:
    """Did a recorded run of this program wait for the case timeout?"""
    runs = (recorded or {}).get(name, {}).get("runs", {})
    return any(run.get("timed_out") for run in runs.values())


def _missing_library(path: Path) -> str | None:
    """The first top-level module the program imports that is not installed here (a third-party library)."""
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
        for name in names:
            top = name.split(".")[0]
            if not (path.parent / top).exists() and importlib.util.find_spec(top) is None:
                return top
    return None


def _cases():
    out = []
    for corpus in ("realistic", "reports", "fresh_values", "fresh_flow", "fresh_reports", "fresh_reports2",
                   "fresh_reports3", "fresh_realistic", "fresh_realistic6", "oracle", "fresh_libs", "fresh_libs4",
                   "fresh_libs5", "fresh_reports8", "fresh_libs6", "fresh_realistic7", "fresh_reports9", "fresh_libs7",
                   "fresh_libs8"):
        recorded = _results(corpus)
        names = sorted(p.stem for p in (CORPUS / corpus / "cases").glob("*.py"))
        if corpus == "oracle":
            names = [n for n in names if n in ORACLE_SAMPLE]
        if corpus == "fresh_libs":
            names = [n for n in names if n in FRESH_LIBS_SAMPLE]
        if corpus == "fresh_libs4":
            names = [n for n in names if n in FRESH_LIBS4_SAMPLE]
        if corpus == "fresh_libs5":
            names = [n for n in names if n in FRESH_LIBS5_SAMPLE]
        if corpus == "fresh_libs6":
            names = [n for n in names if n in FRESH_LIBS6_SAMPLE]
        if corpus == "fresh_libs7":
            names = [n for n in names if n in FRESH_LIBS7_SAMPLE]
        if corpus == "fresh_libs8":
            names = [n for n in names if n in FRESH_LIBS8_SAMPLE]
        if corpus in ("fresh_reports", "fresh_reports2", "fresh_reports3", "fresh_realistic", "fresh_realistic6",
                      "fresh_reports8", "fresh_realistic7", "fresh_reports9"):
            names = [n for n in names if not _hangs(recorded, n)]
        for name in names:
            out.append(pytest.param(corpus, name, recorded, id=f"{corpus}/{name}"))
    return out


@pytest.mark.parametrize(("corpus", "name", "recorded"), _cases())
def test_the_program_behaves_as_recorded(corpus, name, recorded):
    runtime_proofs_or_skip()  # (in CI: not on 3.12 and 3.13; MPGUARD_NO_RUNTIME_PYTHONS="" checks their runs too)
    if recorded is None:
        pytest.skip(f"no recorded runs of tests/corpus/{corpus} for Python {platform.python_version()}")
    if name not in recorded:
        pytest.fail(f"{corpus}/{name} has no recorded run: rerun tests/corpus/run_oracle.py --corpus tests/corpus/{corpus}")
    missing = corpus in ("fresh_reports", "fresh_libs", "fresh_libs4", "fresh_libs5", "fresh_libs6", "fresh_libs7", "fresh_libs8") and _missing_library(CORPUS / corpus / "cases" / f"{name}.py")
    if missing:
        pytest.skip(f"{missing} is not installed (pip install -e '.[libs]')")
    RUNNER.use_corpus(str(CORPUS / corpus))
    meta = RUNNER.parse_header(CORPUS / corpus / "cases" / f"{name}.py")
    # The three runs are independent processes, each in its own temporary folder: run side by side, a
    # program that hangs until its timeout (a deadlock the corpus records) costs one timeout, not three.
    with ThreadPoolExecutor(len(METHODS)) as pool:
        runs = dict(zip(METHODS, pool.map(lambda m: RUNNER.run_one(sys.executable, name, m, meta["timeout"]), METHODS)))
    for method, run in runs.items():
        expected = recorded[name]["runs"][method]["outcome"]
        if run["outcome"] != expected and (run["outcome"] == "deadlock" or run["outcome"] == expected + "+hang"):
            # a run that only ran out of time on a loaded machine (CI runs suites side by side; a forkserver
            # pool's workers each start an interpreter; a pool's error then its shutdown) is run again, alone,
            # with three times the time
            run = RUNNER.run_one(sys.executable, name, method, 3 * meta["timeout"])
        assert run["outcome"] == expected, (method, run.get("first_exception"), run.get("exceptions"))

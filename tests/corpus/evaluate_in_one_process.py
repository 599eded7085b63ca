#!/usr/bin/env python3
"""Score several corpora in one process: evaluate.py's own scoring of each, its one run of the analyser
(`python -m mpguard check ...` in the blinded cases folder) made in this process instead, as
`mpguard.cli.main.main` with the same arguments in the same folder (mpguard's check starts each run afresh:
`cli.batch.checked`). One interpreter start and import of mpguard for all of them instead of one per corpus.

    evaluate_in_one_process.py --cmd "<python> -m mpguard check --output-format json" \
        CORPUS_DIR:RESULTS_JSON [CORPUS_DIR:RESULTS_JSON ...]

Prints one JSON object: the corpus folder's name -> [evaluate.py's stdout, its stderr, its exit status].
tests/test_corpus_scores.py runs it, and checks on some corpora that it prints what evaluate.py run as its
own process prints."""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("mpguard_corpus_evaluate", HERE / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class InProcessCheck:
    """Stands in for evaluate.py's `subprocess` module: its `run` of the analyser becomes mpguard's main."""
    TimeoutExpired = subprocess.TimeoutExpired

    def __init__(self, command: list[str]):
        self.command = command

    def run(self, command, cwd, capture_output, text, timeout):
        from mpguard.cli.main import main

        assert command[:len(self.command)] == self.command, command  # the analyser's command, then the files
        out, err, before = io.StringIO(), io.StringIO(), os.getcwd()
        try:
            os.chdir(cwd)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(command[3:])  # (after `python -m mpguard`)
        finally:
            os.chdir(before)
        return subprocess.CompletedProcess(command, code, out.getvalue(), err.getvalue())


def score(evaluate, cmd: str, cases: str, results: str) -> list:
    evaluate.subprocess = InProcessCheck(shlex.split(cmd))
    sys.argv = ["evaluate.py", "--cases", cases, "--results", results, "--cmd", cmd]
    out, err = io.StringIO(), io.StringIO()
    # a check cache of its own, as a process per corpus run by the tests has (tests/conftest.py)
    with tempfile.TemporaryDirectory(prefix="mpg-eval-cache-") as cache, \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        os.environ["MPGUARD_CACHE_DIR"] = cache
        try:
            code = evaluate.main()
        except SystemExit as exc:  # evaluate.py gives up on an analyser that printed no JSON
            code = exc.code
    return [out.getvalue(), err.getvalue(), code]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cmd", required=True)
    parser.add_argument("corpora", nargs="+", help="CASES_DIR:RESULTS_JSON")
    args = parser.parse_args()
    command = shlex.split(args.cmd)
    if command[1:3] != ["-m", "mpguard"]:
        parser.error("--cmd must run `python -m mpguard ...`: this process runs it as mpguard's main")
    evaluate = _evaluate_module()
    scored = {}
    for pair in args.corpora:
        cases, _, results = pair.rpartition(":")
        scored[Path(cases).parent.name] = score(evaluate, args.cmd, cases, results)
    print(json.dumps(scored))
    return 0


if __name__ == "__main__":
    sys.exit(main())

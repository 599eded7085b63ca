"""MP302's fix for logging configured in the parent only (`logging.basicConfig(filename=path, level=...)` before the
child is made, in the same function): the child runs the same call first, as the pool's initializer or through a
wrapper of the Process target (fixes/logging_config.py; oracle globals_logging_configured_in_main). Proven under
fork, spawn and forkserver: the child's record reaches the file once."""
from __future__ import annotations

import pytest
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability
from helpers import runtime_proofs_or_skip, run_in_session

PROCESS = '''import logging
import multiprocessing
import sys

log = logging.getLogger("app")


def work():
    log.info("child says hi")


if __name__ == "__main__":
    path = sys.argv[1]
    logging.basicConfig(CONFIG)
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    logging.shutdown()
    with open(path) as fh:
        lines = fh.read().count("child says hi")
    print(f"RESULT={lines}")
    sys.exit(0 if lines == 1 else 3)
'''

POOL = PROCESS.replace('''    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
''', '''    with multiprocessing.Pool(1) as pool:
        pool.apply(work)
''')

CONFIG = "filename=path, level=logging.INFO"


def mp302(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP302"]


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def test_a_process_target_runs_the_call_first():
    text = PROCESS.replace("CONFIG", CONFIG)
    [finding] = mp302(text)
    assert finding.fix.applicability is Applicability.UNSAFE
    out = fixed(text)
    assert parses(out)
    assert ("def _run_with_logging(configure, target, *args, **kwargs):\n    configure()\n"
            "    return target(*args, **kwargs)\n") in out
    assert ("    p = multiprocessing.Process(target=functools.partial(_run_with_logging, functools.partial("
            "logging.basicConfig, filename=path, level=logging.INFO), work))\n") in out
    assert mp302(out) == []


def test_a_pool_runs_the_call_as_its_initializer():
    out = fixed(POOL.replace("CONFIG", CONFIG))
    assert ("    with multiprocessing.Pool(1, initializer=functools.partial(logging.basicConfig, filename=path, "
            "level=logging.INFO)) as pool:\n") in out
    assert mp302(out) == []


@pytest.mark.parametrize("config", [
    "filename=path, filemode='w', level=logging.INFO",  # each child would truncate the file
    "stream=sys.stderr, level=logging.INFO",  # pickle refuses the stream
    "filename=path.strip(), level=logging.INFO",  # a call: read again where the child is made
])
def test_no_fix(config):
    [finding] = mp302(PROCESS.replace("CONFIG", config))
    assert finding.fix is None


def test_no_fix_when_the_name_changes_before_the_child_is_made():
    text = PROCESS.replace("CONFIG", CONFIG).replace("    p = multiprocessing", "    path = path + '.2'\n    p = multiprocessing")
    [finding] = mp302(text)
    assert finding.fix is None


def test_an_initializer_of_another_function_does_not_configure_the_workers():
    text = POOL.replace("CONFIG", CONFIG).replace("multiprocessing.Pool(1)",
                                                  "multiprocessing.Pool(1, initializer=functools.partial(print, 'x'))")
    assert len(mp302(text.replace("import logging\n", "import functools\nimport logging\n"))) == 1


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("source", [PROCESS, POOL], ids=["process", "pool"])
def test_runtime(tmp_path, method, source):
    text = source.replace("CONFIG", CONFIG)
    path = tmp_path / "prog.py"
    for program, ok in ((text, method == "fork"), (fixed(text), True)):
        path.write_text(program)
        log = tmp_path / f"app-{ok}.log"
        log.unlink(missing_ok=True)
        out = _run(path, method, log)
        assert (out.returncode == 0) is ok, out.stderr
        if ok:
            assert "RESULT=1" in out.stdout


def _run(path, method, log):
    runtime_proofs_or_skip()
    import os
    import subprocess
    import sys

    from helpers import RUNNER_SITE

    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    return run_in_session([sys.executable, str(path), str(log)], text=True, timeout=120, env=env)

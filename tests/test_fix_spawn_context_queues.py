"""MP423's spawn-context fix takes along the Queues and Locks the spawner is handed (fresh_reports13 czid61, fresh_reports20
qubes72): a Queue made from the default (fork) context cannot be shared with a spawned child ("A SemLock created in
a fork context is being shared with a process in a spawn context"), so each one this module makes with
multiprocessing's own call gets the same spawn context in the same fix (fixes/spawn_context._handed_syncs). The
Queue here reaches the Process through a method's parameter, followed to this script's callers. Near misses: a
Queue of an explicit fork context, and a parameter in a package module (other modules may pass their own), get
no fix. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses
from mpguard.text.findings import Applicability

SRC = 'import multiprocessing\nimport sys\nimport threading\nimport time\n\n\ndef tick(stop):\n    while not stop.is_set():\n        time.sleep(0.01)\n\n\ndef square(n, results):\n    results.put(n * n)\n\n\nclass Stage:\n    def __init__(self, n):\n        self.n = n\n\n    def launch(self, results):\n        p = multiprocessing.Process(target=square, args=(self.n, results))\n        p.start()\n        return p\n\n\ndef main():\n    stop = threading.Event()\n    ticker = threading.Thread(target=tick, args=(stop,))\n    ticker.start()\n    results = multiprocessing.Queue()\n    procs = [Stage(n).launch(results) for n in (2, 3)]\n    total = sum(results.get(timeout=60) for _ in procs)\n    for p in procs:\n        p.join()\n    stop.set()\n    ticker.join()\n    print("RESULT=%d" % total)\n    return 0 if total == 13 else 3\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'


def fixed():
    [finding] = found(SRC, "MP423")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    out = apply_edits(SRC, finding.fix.edits)
    assert parses(out)
    return out


def test_the_queue_gets_the_spawn_context_too():
    out = fixed()
    assert 'results = multiprocessing.get_context("spawn").Queue()' in out
    assert 'p = multiprocessing.get_context("spawn").Process(target=square' in out
    assert found(out, "MP423") == []


def test_no_fix_for_a_queue_of_an_explicit_fork_context():
    src = SRC.replace("results = multiprocessing.Queue()", 'results = multiprocessing.get_context("fork").Queue()')
    assert all(f.fix is None for f in found(src, "MP423"))


def test_no_fix_through_a_parameter_of_a_package_module(tmp_path):
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    path = tmp_path / "pkg" / "stages.py"
    path.write_text(SRC)
    findings = [f for f in analyze_path(path, Settings(), project_root=tmp_path).findings if f.code == "MP423"]
    assert findings and all(f.fix is None for f in findings)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "stages.py"
    path.write_text(fixed())
    out = run_program(path, method, timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "RESULT=13" in out.stdout, out.stderr

"""MP302's setter fix for a pool that has an initializer of its own (cerberus #182, fresh_reports14
cerberus182_pool_reads_client_global: `Pool(n, init_worker)` after `kubecli.initialize_clients(...)`).

On main the fix added `initializer=` next to the positional one (a TypeError: the check of positional initializers
counted the wrong positions). Now the one initializer runs both: `functools.partial(_run_initializers, init_worker,
functools.partial(kubecli.initialize_clients, ...))`, whose runner calls the pool's own with its initargs first.
The rule counts what the runner is given as run in every worker, so the finding goes. Near misses: a pool given
`*args` (its initializer is not known) gets no fix; a `ProcessPoolExecutor(2, ctx)` (a context, not an
initializer, in second place) gets the plain keyword. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

CLIENTS = """
    _client = None


    def initialize(config, timeout):
        global _client
        _client = {"config": config, "timeout": timeout}


    def namespace_pods(namespace):
        return [namespace + "/" + _client["config"] + "-" + str(i) for i in range(2)]
"""

MAIN = """
    import multiprocessing
    import signal
    import sys

    from kit import clients


    def init_worker(flag):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


    def main():
        clients.initialize("kubeconfig", 60)
        pool = POOL
        try:
            pods = pool.map(clients.namespace_pods, ["etcd", "monitoring"])
        finally:
            pool.close()
            pool.join()
        print("RESULT=%d" % sum(map(len, pods)))
        return 0 if sum(map(len, pods)) == 4 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

POSITIONAL = "multiprocessing.Pool(2, init_worker, (True,))"


def root_with(tmp_path, pool=POSITIONAL):
    return project(tmp_path, {"kit/__init__.py": "", "kit/clients.py": CLIENTS, "main.py": MAIN.replace("POOL", pool)})


def fixed(root):
    found = [f for f in findings(root / "main.py", "MP302") if f.fix is not None]
    if not found:
        return None
    out = apply_edits((root / "main.py").read_text(), found[0].fix.edits)
    assert parses(out)
    return out


@pytest.mark.parametrize("pool", [POSITIONAL, "multiprocessing.Pool(2, initializer=init_worker, initargs=(True,))"])
def test_the_pool_runs_its_own_initializer_then_the_setter(tmp_path, pool):
    root = root_with(tmp_path, pool)
    out = fixed(root)
    assert "functools.partial(_run_initializers, init_worker, functools.partial(clients.initialize, " \
           "\"kubeconfig\", 60))" in out
    assert "def _run_initializers(first, then, *initargs):\n" in out
    assert "(True,)" in out  # the pool's own initargs stay as they were
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP302") == []


def test_no_fix_for_spread_arguments(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/clients.py": CLIENTS,
                              "main.py": MAIN.replace("POOL", "multiprocessing.Pool(*ARGS)").replace(
                                  "def main():", "ARGS = (2, init_worker, (True,))\n\n\n    def main():")})
    assert fixed(root) is None


def test_an_executor_given_a_context_in_second_place_gets_the_keyword(tmp_path):
    main = MAIN.replace("POOL", "ProcessPoolExecutor(2, multiprocessing.get_context('spawn'))").replace(
        "import signal", "import signal\n    from concurrent.futures import ProcessPoolExecutor").replace(
        "pool.close()\n            pool.join()", "pool.shutdown()").replace(
        "pods = pool.map(clients.namespace_pods, [\"etcd\", \"monitoring\"])",
        "pods = list(pool.map(clients.namespace_pods, [\"etcd\", \"monitoring\"]))")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/clients.py": CLIENTS, "main.py": main})
    out = fixed(root)
    assert "multiprocessing.get_context('spawn'), initializer=functools.partial(clients.initialize, " in out


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = root_with(tmp_path)
    before = run_program(root / "main.py", method, timeout=120, cwd=root)
    if method != "fork":
        assert before.returncode != 0
    (root / "main.py").write_text(fixed(root))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0 and "RESULT=4" in after.stdout, after.stderr

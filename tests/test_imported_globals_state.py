"""What an object of another project module's class pickles with, read from that module's text: a global its
method stores (`self._retry = DEFAULT_RETRY`, bound once at the module's top), the arguments a class it makes keeps
(`Retry(predicate=...)` whose __init__ stores `self._predicate = predicate`), and the nested function a function of
the module returns (google-api-core's `if_exception_type()`; bigquery-etl PR #5656, fresh_libs9 bigqueryetl5656).
Near misses: a global some function rebinds, a module-level function kept instead of a nested one, a local of the
method that shadows the global, a class that pickles its own way, a thread pool. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

POLICY = """
    import time


    class Throttled(Exception):
        pass


    def retry_on(*kinds):
        def should_retry(exc):
            return isinstance(exc, kinds)
        return should_retry


    def _never(exc):
        return False


    class Backoff:
        def __init__(self, base, handler=None):
            self.base = base
            self.handler = handler


    SHARED_BACKOFF = Backoff(0.5, handler=retry_on(Throttled))


    class Session:
        def __init__(self, name):
            self.name = name
            self.backoff = SHARED_BACKOFF
            self.opened = time.time()

        def fetch(self, key):
            return f"{self.name}:{key}"
"""

# Another shape: the object goes to a Process as an argument (pickled under spawn and forkserver only)
PROCESS_CALLER = """
    import multiprocessing as mp

    from netkit.policy import Session


    def pull(session, out):
        out.put(session.fetch("a"))


    if __name__ == "__main__":
        out = mp.Queue()
        p = mp.Process(target=pull, args=(Session("s1"), out))
        p.start()
        print("RESULT=" + out.get(timeout=20))
        p.join()
"""

# The pool pickles the task's arguments under every start method
POOL_CALLER = """
    from concurrent.futures import ProcessPoolExecutor

    from netkit.policy import Session


    def pull(session, key):
        return session.fetch(key)


    def main():
        session = Session("s2")
        with ProcessPoolExecutor(2) as ex:
            futures = [ex.submit(pull, session, k) for k in "ab"]
            return [f.result() for f in futures]


    if __name__ == "__main__":
        print("RESULT=" + ",".join(main()))
"""

NEAR_MISSES = {
    "module-level predicate": ("handler=retry_on(Throttled))", "handler=_never)"),
    "global rebound by a function": ("    def fetch(self, key):",
                                     "    def reset(self):\n            global SHARED_BACKOFF\n"
                                     "            SHARED_BACKOFF = None\n\n        def fetch(self, key):"),
    "local shadows the global": ("self.backoff = SHARED_BACKOFF",
                                 "SHARED_BACKOFF = Backoff(1.0)\n            self.backoff = SHARED_BACKOFF"),
    "own pickling": ("    def fetch(self, key):",
                     "    def __getstate__(self):\n            return {'name': self.name, 'opened': self.opened}\n\n"
                     "        def fetch(self, key):"),
}


def files(policy=POLICY, **callers):
    return {"netkit/__init__.py": "", "netkit/policy.py": policy, **callers}


def test_process_argument_found_for_spawn_and_forkserver(tmp_path):
    root = project(tmp_path, files(**{"main.py": PROCESS_CALLER}))
    (finding,) = findings(root / "main.py", "MP203")
    assert finding.start_methods == frozenset({"spawn", "forkserver"})
    assert "the module's SHARED_BACKOFF, an instance of Backoff" in finding.message
    assert "retry_on.<locals>.should_retry" in finding.message


def test_pool_argument_found_for_every_method(tmp_path):
    root = project(tmp_path, files(**{"main.py": POOL_CALLER}))
    (finding,) = findings(root / "main.py", "MP203")
    assert finding.start_methods == frozenset({"fork", "spawn", "forkserver"})


def test_kept_argument_without_the_global(tmp_path):
    policy = POLICY.replace("self.backoff = SHARED_BACKOFF", "self.backoff = Backoff(1.0, retry_on(Throttled))")
    root = project(tmp_path, files(policy, **{"main.py": POOL_CALLER}))
    (finding,) = findings(root / "main.py", "MP203")
    assert "whose .handler is the nested function 'should_retry'" in finding.message


def test_same_module_class(tmp_path):
    program = POLICY + POOL_CALLER.replace("from netkit.policy import Session", "")
    root = project(tmp_path, {"main.py": program})
    (finding,) = findings(root / "main.py", "MP203")
    assert "should_retry" in finding.message
    old, new = NEAR_MISSES["module-level predicate"]
    root = project(tmp_path / "near", {"main.py": program.replace(old, new)})
    assert findings(root / "main.py") == []


def test_a_parameter_named_like_the_modules_function(tmp_path):
    """spaCy's `Language.__init__(..., create_tokenizer=None)` storing `create_tokenizer(self)`: the parameter, not
    the module's `create_tokenizer()` that returns a nested function (a false alarm of the sweep, fixed)."""
    stored = POLICY.replace("self.backoff = SHARED_BACKOFF", "self.backoff = retry_on(Throttled)")
    root = project(tmp_path / "module", files(stored, **{"main.py": POOL_CALLER}))
    assert len(findings(root / "main.py", "MP203")) == 1
    param = stored.replace("def __init__(self, name):", "def __init__(self, name, retry_on=None):")
    root = project(tmp_path / "param", files(param, **{"main.py": POOL_CALLER}))
    assert findings(root / "main.py") == []
    kept = POLICY.replace("def __init__(self, name):", "def __init__(self, name, Backoff=None):").replace(
        "self.backoff = SHARED_BACKOFF", "self.backoff = Backoff(1.0, retry_on(Throttled))")
    root = project(tmp_path / "kept", files(kept, **{"main.py": POOL_CALLER}))
    assert findings(root / "main.py") == []


def test_thread_pool_is_silent(tmp_path):
    caller = POOL_CALLER.replace("from concurrent.futures import ProcessPoolExecutor",
                                 "from concurrent.futures import ThreadPoolExecutor as ProcessPoolExecutor")
    root = project(tmp_path, files(**{"main.py": caller}))
    assert findings(root / "main.py", "MP203") == []


@pytest.mark.parametrize("change", sorted(NEAR_MISSES))
def test_near_misses_are_silent(tmp_path, change):
    old, new = NEAR_MISSES[change]
    assert old in POLICY
    root = project(tmp_path, files(POLICY.replace(old, new), **{"main.py": POOL_CALLER, "proc.py": PROCESS_CALLER}))
    assert findings(root / "main.py") == []
    assert findings(root / "proc.py") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    bad = project(tmp_path / "bad", files(**{"pool.py": POOL_CALLER, "proc.py": PROCESS_CALLER}))
    old, new = NEAR_MISSES["module-level predicate"]
    good = project(tmp_path / "good", files(POLICY.replace(old, new),
                                            **{"pool.py": POOL_CALLER, "proc.py": PROCESS_CALLER}))
    words = ("retry_on.<locals>.should_retry", "should_retry", "BrokenProcessPool")
    for name, fails in (("pool.py", True), ("proc.py", method != "fork")):
        out = run_program(bad / name, method, timeout=60, cwd=bad)
        assert ("RESULT=" in out.stdout) is not fails, (name, out.stdout, out.stderr)
        if fails:
            assert any(w in out.stderr for w in words), out.stderr
        out = run_program(good / name, method, timeout=60, cwd=good)
        assert "RESULT=" in out.stdout, (name, out.stderr)

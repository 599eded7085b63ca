"""MP302's setter fix (`initializer=functools.partial(config.configure, ...)`) for a setter given names, not
literals (`config.configure(verbose=args.verbose)` before the pool, in the same function): the names are read
again where the pool is made, so only when the pool is made after the call in that function and nothing binds
the names (or sets their attributes) in between. sos #1402's shape (fresh_realistic3
globals_sos_verbosity_configured_in_main). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

CONFIG = """
    import types

    _ACTIVE = types.SimpleNamespace(verbose=False)


    def configure(verbose=False):
        global _ACTIVE
        _ACTIVE = types.SimpleNamespace(verbose=verbose)


    def active():
        return _ACTIVE
"""

MAIN = """
    import argparse
    import multiprocessing
    import sys

    from kit import config


    def check(n):
        return n if config.active().verbose else -n


    def main(argv):
        args = argparse.ArgumentParser()
        args.add_argument("-v", "--verbose", action="store_true")
        args = args.parse_args(argv)
        config.configure(verbose=args.verbose)
        BETWEEN
        with multiprocessing.Pool(2) as pool:
            results = pool.map(check, [1, 2])
        print("RESULT=%s" % results)
        sys.exit(0 if results == [1, 2] else 3)


    if __name__ == "__main__":
        main(["--verbose"])
"""


def root_with(tmp_path, between="pass"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/config.py": CONFIG,
                              "main.py": MAIN.replace("BETWEEN", between)})


def fixed(root):
    [finding] = findings(root / "main.py", "MP302")
    if finding.fix is None:
        return None
    out = apply_edits((root / "main.py").read_text(), finding.fix.edits)
    assert parses(out)
    return out


def test_the_pool_runs_the_call_with_the_same_names(tmp_path):
    root = root_with(tmp_path)
    out = fixed(root)
    assert "    with multiprocessing.Pool(2, initializer=functools.partial(config.configure, verbose=args.verbose))" \
           " as pool:\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP302") == []


@pytest.mark.parametrize("between", ["args = argparse.Namespace(verbose=False)", "args.verbose = False"])
def test_no_fix_when_the_names_change_before_the_pool(tmp_path, between):
    assert fixed(root_with(tmp_path, between)) is None


def test_no_fix_when_an_argument_is_a_call(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/config.py": CONFIG,
                              "main.py": MAIN.replace("BETWEEN", "pass").replace(
                                  "config.configure(verbose=args.verbose)", "config.configure(verbose=bool(args.verbose))")})
    assert fixed(root) is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = root_with(tmp_path)
    before = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert before.returncode == (0 if method == "fork" else 3), before.stderr
    (root / "main.py").write_text(fixed(root))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0 and "RESULT=[1, 2]" in after.stdout, after.stderr


REGISTRY = """
    _MODELS = {}


    def register(name, model_cls):
        _MODELS[name] = model_cls


    def resolve(name):
        return _MODELS[name]
"""

LAUNCHER = """
    import multiprocessing
    import sys

    from kit import registry


    class Scaled:
        def forward(self, x):
            return 3 * x + 1


    def probe(arch):
        return registry.resolve(arch)().forward(2)


    def collect(archs):
        with multiprocessing.Pool(2) as pool:
            return pool.map(probe, archs)


    def main():
        registry.register("scaled", Scaled)
        out = collect(["scaled"])
        print("RESULT=%s" % out)
        sys.exit(0 if out == [7] else 3)


    if __name__ == "__main__":
        main()
"""


def test_a_module_level_class_may_be_registered_for_a_pool_of_another_function(tmp_path):
    """vLLM #9233 (fresh_realistic6 vllm_register_model_in_main): `registry.register("scaled", Scaled)` in main(),
    the pool in collect(): a module-level class means the same there and pickles by reference."""
    root = project(tmp_path, {"kit/__init__.py": "", "kit/registry.py": REGISTRY, "main.py": LAUNCHER})
    out = fixed(root)
    assert "multiprocessing.Pool(2, initializer=functools.partial(registry.register, \"scaled\", Scaled))" in out
    for method in ("spawn", "forkserver"):
        (root / "main.py").write_text(LAUNCHER)
        before = run_program(root / "main.py", method, timeout=120, cwd=root)
        assert before.returncode != 0
        (root / "main.py").write_text(out)
        after = run_program(root / "main.py", method, timeout=120, cwd=root)
        assert after.returncode == 0 and "RESULT=[7]" in after.stdout, after.stderr


def test_no_fix_when_the_class_is_a_local_of_the_pool_function(tmp_path):
    launcher = LAUNCHER.replace("def collect(archs):\n", "def collect(archs):\n        Scaled = None\n")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/registry.py": REGISTRY, "main.py": launcher})
    assert fixed(root) is None

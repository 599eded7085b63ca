"""MP208's copyreg fix for an exception class that another project module's function raises in a task of this
module (cattrs #666, fresh_realistic6 cattrs_forbidden_keys_error_in_executor: `structure()` raises
ForbiddenExtraKeysError, whose __init__ takes three arguments and passes one on): the class is imported by name
and registered with copyreg; the rule then no longer reports it. Near misses: a class that pickles its own way
gets no fix. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

HELPER = """
    class ValidationError(Exception):
        pass


    class ExtraKeysError(ValidationError):
        def __init__(self, message, cl, extra):
            self.cl = cl
            self.extra = extra
            super().__init__(message or "extra keys: " + ", ".join(sorted(extra)))
        OWN


    def structure(record, allowed):
        extra = set(record) - set(allowed)
        if extra:
            raise ExtraKeysError("", "row", extra)
        return dict(record)
"""

MAIN = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit.structure import structure


    def transform(record):
        return structure(record, ["a", "b"])


    def main():
        failed = 0
        with ProcessPoolExecutor(2) as executor:
            futures = [executor.submit(transform, r) for r in [{"a": 1}, {"a": 1, "c": 2}]]
            for future in futures:
                try:
                    future.result(timeout=30)
                except Exception as exc:
                    failed += 1
                    print("failed:", type(exc).__name__, sorted(exc.extra))
        print("RESULT=%d" % failed)
        return 0 if failed == 1 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def root_with(tmp_path, own=""):
    return project(tmp_path, {"kit/__init__.py": "", "kit/structure.py": HELPER.replace("OWN", own),
                              "main.py": MAIN})


def fixed(root):
    [finding] = findings(root / "main.py", "MP208")
    if finding.fix is None:
        return None
    out = apply_edits((root / "main.py").read_text(), finding.fix.edits)
    assert parses(out)
    return out


def test_the_class_is_imported_and_registered(tmp_path):
    root = root_with(tmp_path)
    out = fixed(root)
    assert "from kit.structure import structure\nimport copyreg\nfrom kit.structure import ExtraKeysError\n" in out
    assert "\ncopyreg.pickle(ExtraKeysError, _reduce_exception)\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP208") == []


def test_no_fix_for_a_class_with_its_own_pickling(tmp_path):
    own = "\n        def __reduce__(self):\n            return (ValueError, (str(self),))\n"
    found = findings(root_with(tmp_path, own) / "main.py", "MP208")
    assert all(f.fix is None for f in found)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = root_with(tmp_path)
    before = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert before.returncode != 0
    (root / "main.py").write_text(fixed(root))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0 and "failed: ExtraKeysError ['c']" in after.stdout, after.stderr

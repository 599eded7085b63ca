"""How many examples the Hypothesis suites run, per profile: HYPOTHESIS_PROFILE=ci (the default, every
run of the test suite) or deep (once per release; docs/fuzzing.md has the last deep run)."""
from __future__ import annotations

import os

# core: each @FUZZ test of tests/test_fuzz_core.py (five of them: 5 x 4,000 = 20,000 programs deep);
# lsp: edit sequences sent to a real server by tests/test_fuzz_lsp.py.
EXAMPLES = {"ci": {"core": 200, "lsp": 8}, "deep": {"core": 4_000, "lsp": 2_000}}


def profile() -> str:
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    if name not in EXAMPLES:
        raise ValueError(f"HYPOTHESIS_PROFILE={name!r}: use one of {', '.join(EXAMPLES)}")
    return name


def examples(suite: str) -> int:
    return EXAMPLES[profile()][suite]

import os
import sys
from pathlib import Path

# Analyser bugs must fail tests instead of becoming MP002 "internal error" findings.
os.environ.setdefault("MPGUARD_STRICT", "1")
# jedi's budget is wall-clock time: on a busy machine the default second can run out and a test would see
# fewer findings. The tests that check the budget itself pass one explicitly. 30 s ran out once, on a machine
# with a load of 17 on 2 cores (the 3.10 suite at nice 15 beside eight others): a ceiling costs nothing when jedi is quick.
os.environ.setdefault("MPGUARD_JEDI_BUDGET", "300")
sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import settings  # noqa: E402

from fuzz_profiles import EXAMPLES, profile  # noqa: E402

# HYPOTHESIS_PROFILE=ci|deep: the suites read their example counts from tests/fuzz_profiles.py.
for _name, _counts in EXAMPLES.items():
    settings.register_profile(_name, max_examples=_counts["core"], deadline=None)
settings.load_profile(profile())

try:  # without pytest-lsp (it needs Python 3.10+) the end-to-end server tests are not collected
    import pytest_lsp  # noqa: F401
except ImportError:
    collect_ignore_glob = ["test_lsp*.py", "test_fuzz_lsp.py", "test_jedi_resolver.py", "test_no_execution.py",
                           "editors/*", "test_nasty_inputs.py", "test_migrate.py", "test_safety_untrusted.py",
                           "test_vsix_bundle.py"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_check_cache(tmp_path_factory, monkeypatch):
    """`mpguard check` keeps a cache across runs; every test starts without one, so that no test reads
    findings another test (or a monkeypatched analysis) left behind. tests/test_cache.py tests the cache."""
    monkeypatch.setenv("MPGUARD_CACHE_DIR", str(tmp_path_factory.mktemp("check-cache")))

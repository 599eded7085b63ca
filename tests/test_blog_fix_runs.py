"""The issue's promise, end to end: the blog program fails under spawn; after mpguard's quick fix it
runs under fork, spawn and forkserver."""
import re
import subprocess
from pathlib import Path

import pytest

from helpers import run_program

from mpguard.linter.analyze import analyze
from mpguard.fixes.apply import apply_edits

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "examples" / "blog_closure_target.py"


def run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=60, cwd=path.parent)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_quick_fix_makes_the_blog_program_run(tmp_path, method):
    source = BLOG.read_text()
    (finding,) = [f for f in analyze(source).findings if f.code == "MP201"]
    assert finding.fix is not None
    broken, fixed = tmp_path / "broken.py", tmp_path / "fixed.py"
    broken.write_text(source)
    fixed.write_text(apply_edits(source, finding.fix.edits))
    before = run(broken, method)
    after = run(fixed, method)
    if method == "fork":
        assert before.returncode == 0
    else:
        # 3.11/3.12 and 3.14: "Can't pickle local object"; 3.13: "Can't get local object".
        assert before.returncode != 0 and re.search(r"Can't (pickle|get) local object", before.stderr)
    assert after.returncode == 0, after.stderr
    assert "test_b in" in after.stdout
    assert not [f for f in analyze(fixed.read_text()).findings if f.code == "MP201"]

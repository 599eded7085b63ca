"""The CI examples users copy (docs/examples/): their command lines run as written, in a shell, on a
project with findings, and what they hand to GitHub code scanning and GitLab is valid. The install step
(`pip install mpguard`) is the one line not run: the mpguard under test is put first on PATH instead."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_notebooks import DEMO
from test_output_formats import LAMBDA, UNGUARDED, sarif_validator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
yaml = pytest.importorskip("yaml")
pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the examples' lines are shell lines")


def commands(lines) -> list[str]:
    return [line for line in lines if not line.startswith("pip install")]


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """`command` in bash, as a CI runner runs a step: `mpguard` is this environment's."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])}
    env.pop("NO_COLOR", None)
    assert (bin_dir / "mpguard").exists() or os.name == "nt", "mpguard is not installed next to this Python"
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "odd dir").mkdir()
    (tmp_path / "odd dir" / "g.py").write_text(UNGUARDED)
    (tmp_path / "demo.ipynb").write_text(DEMO)
    return tmp_path


def test_the_github_workflow_uploads_valid_sarif(project):
    workflow = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text())
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["mpguard"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["if"] == "always()"
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == "pip install mpguard"
    results = [(command, shell(command, project)) for command in commands(runs)]
    assert len(results) == 2
    for command, proc in results:
        assert "Traceback" not in proc.stderr, (command, proc.stderr)
    annotations, sarif_step = results
    assert annotations[1].returncode == 1  # findings fail the job ...
    assert annotations[1].stdout.startswith("::error title=mpguard (MP201),file=bad.py,line=4,")
    assert "file=odd dir/g.py" in annotations[1].stdout
    assert sarif_step[1].returncode == 0  # ... and the SARIF step goes on to the upload
    log = json.loads((project / upload["with"]["sarif_file"]).read_text())
    errors = list(sarif_validator().iter_errors(log))
    assert not errors, [e.message for e in errors[:3]]
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["MP101", "MP201", "MP209"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"bad.py", "odd%20dir/g.py", "demo.ipynb"}


def test_the_gitlab_job_writes_a_code_quality_report(project):
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text())["mpguard"]
    report_name = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always" and job["script"][0] == "pip install mpguard"
    results = [shell(command, project) for command in commands(job["script"])]
    assert [proc.returncode for proc in results] == [0, 1]  # the report, then the job fails on findings
    report = json.loads((project / report_name).read_text())
    assert sorted(entry["check_name"] for entry in report) == ["MP101", "MP201", "MP209"]
    assert all(len(entry["fingerprint"]) == 64 and entry["location"]["path"] in {"bad.py", "odd dir/g.py",
                                                                                   "demo.ipynb"} for entry in report)
    assert results[1].stdout.splitlines()[3:] == ["Found 3 findings in 3 files.", "[*] 2 fixable with the `--fix` option."]
    assert results[1].stdout.count("\n") == 5  # concise: a line a finding, then the summary


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_docs_ci_shows_the_examples_as_they_are(name):
    """docs/ci.md quotes each example whole, so the page and the file cannot drift apart."""
    assert (EXAMPLES / name).read_text().rstrip() in (ROOT / "docs" / "ci.md").read_text()

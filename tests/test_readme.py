"""The README is generated from its sources and opens with the two commands; CI runs the second."""
import re
import subprocess
import sys
from pathlib import Path

from mpguard.semantic import errors

ROOT = Path(__file__).resolve().parents[1]


def test_readme_is_up_to_date():
    proc = subprocess.run([sys.executable, "scripts/gen_readme.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.S)
    assert "mpguard check --exit-zero examples/" in blocks[0]
    assert blocks[1].strip() == "bash scripts/run-tests.sh"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/run-tests.sh" in ci


def test_readme_lists_every_rule():
    from mpguard.rules.registry import all_rules

    readme = (ROOT / "README.md").read_text()
    for rule in all_rules():
        assert f"| {rule.code} | `{rule.name}` |" in readme


def test_readme_example_output_is_what_the_cli_prints():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```console\n\$ mpguard check --output-format concise examples/\n(.*?)```", readme,
                      re.S).group(1)
    shown = [line for line in block.splitlines() if line.startswith("examples/")]
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "concise", "examples/"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    # The CLI quotes the running interpreter's words; the README shows 3.11's.
    printed = proc.stdout.splitlines()
    assert [errors.render(line, errors.BASE) for line in printed[:len(shown)]] == shown
    assert block.splitlines()[len(shown):] == printed[len(shown):]  # the summary and the fix hints, on stdout
    assert proc.stderr == ""


def test_readme_configuration_example_is_valid(tmp_path):
    from mpguard import config

    block = re.search(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(block)
    (tmp_path / "a.py").write_text("")
    resolved = config.resolve(tmp_path / "a.py")
    assert resolved.config.path == tmp_path / "pyproject.toml" and not resolved.messages, resolved.messages
    assert resolved.settings.enabled("MP003") and not resolved.settings.enabled("MP306")


def test_readme_is_short_and_links_what_moved_to_docs():
    """The long material lives in docs/; the README links every page it names, and each exists."""
    readme = (ROOT / "README.md").read_text()
    body = readme.split("## Rules", 1)[0] + readme.split("## Integrations", 1)[1]  # without the rules table
    assert len(body.splitlines()) < 200
    for section in ("## Install", "## Usage", "## Configuration", "## Integrations", "## What mpguard does not catch",
                    "## License and contributing"):
        assert section in readme
    assert "pipx install mpguard" in readme and "pre-commit" in readme
    for link in re.findall(r"\]\(((?:docs/)?[\w./-]+)\)", readme):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link

"""Every rule's docs: the sections are there, the Example is flagged, the Use instead is clean,
the hover lists every platform, `mpguard rule` prints them, and docs/rules.md is up to date."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from mpguard.cli import main
from mpguard.linter.analyze import analyze
from mpguard.semantic.platforms import ENVIRONMENTS
from mpguard.rules.docs import hover_markdown, render_rule
from mpguard.rules.registry import PLATFORM_HEADINGS, SECTIONS, all_rules, get

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()
CODES = [rule.code for rule in RULES]
# MP002's Example shows the null byte as the four characters `\x00`; the test puts the byte back.
NUL_MARK = "\\x00"


def example_source(rule) -> bytes:
    code = rule.code_block("Example")
    if rule.code == "MP002":
        assert NUL_MARK in code, "the MP002 Example must show where the null byte goes"
        code = code.replace(NUL_MARK, "\0")
    return code.encode("utf-8")


def selecting(rule):
    """Default settings, with a rule outside the default set (MP403) selected by its code."""
    from mpguard.linter.settings import Settings

    return Settings(select=("MP", rule.code)) if rule is not None and not rule.default_enabled else None


def codes_in(source, rule=None) -> set[str]:
    return {finding.code for finding in analyze(source, path_for(rule), selecting(rule)).findings}


def path_for(rule) -> str | None:
    """A notebook rule's examples are notebook cells (the editor names the notebook as the path)."""
    return "example.ipynb" if rule is not None and rule.notebook else None


def finding_for(rule):
    findings = [f for f in analyze(example_source(rule), path_for(rule), selecting(rule)).findings
                if f.code == rule.code]
    assert findings, f"{rule.code}: the Example is not flagged"
    return findings[0]


def test_every_rule_has_docs():
    assert len(RULES) >= 26
    missing = [rule.code for rule in RULES if not rule.docs.strip()]
    assert not missing, f"no rules/docs/<CODE>.md for {missing}"


def test_no_docs_for_unknown_rules():
    docs = {path.stem for path in (ROOT / "server/mpguard/rules/docs").glob("*.md")}
    assert docs <= set(CODES), f"docs for unregistered rules: {sorted(docs - set(CODES))}"


@pytest.mark.parametrize("code", CODES)
def test_sections_in_order(code):
    docs = get(code).docs
    headings = re.findall(r"^## (.+)$", docs, re.M)
    assert tuple(headings) == SECTIONS, f"{code}: second-level sections are {headings}"


@pytest.mark.parametrize("code", CODES)
def test_platform_subsections(code):
    rule = get(code)
    why = rule.section("Why is this bad")
    subsections = re.findall(r"^### (.+)$", why, re.M)
    assert tuple(subsections) == PLATFORM_HEADINGS, f"{code}: platform subsections are {subsections}"
    for heading in PLATFORM_HEADINGS:
        body = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^### |\Z)", why, re.S | re.M).group(1)
        assert body.strip(), f"{code}: `### {heading}` is empty"
    assert why.split("### ", 1)[0].strip(), f"{code}: Why is this bad needs an explanation before the platforms"


@pytest.mark.parametrize("code", CODES)
def test_one_code_block_each(code):
    rule = get(code)
    for title in ("Example", "Use instead"):
        section = rule.section(title)
        assert section.count("```python") == 1, f"{code}: {title} needs exactly one ```python block"
        assert rule.code_block(title).strip(), f"{code}: {title} is empty"


@pytest.mark.parametrize("code", CODES)
def test_example_is_flagged(code):
    rule = get(code)
    assert rule.code in codes_in(example_source(rule), rule), f"{code}: the Example does not trigger the rule"


@pytest.mark.parametrize("code", CODES)
def test_use_instead_is_clean(code):
    rule = get(code)
    found = codes_in(rule.code_block("Use instead").encode("utf-8"), rule)
    assert rule.code not in found, f"{code}: the Use instead code triggers the rule itself"
    assert not found, f"{code}: the Use instead code triggers {sorted(found)}"


@pytest.mark.parametrize("code", CODES)
def test_use_instead_compiles(code):
    compile(get(code).code_block("Use instead"), f"<{code} Use instead>", "exec")


@pytest.mark.parametrize("code", [c for c in CODES if c not in ("MP001", "MP002")])
def test_examples_use_main_guard_unless_that_is_the_hazard(code):
    rule = get(code)
    if rule.notebook:
        return  # a notebook cell is never imported by a child: it needs no guard
    guard = 'if __name__ == "__main__":'
    assert guard in rule.code_block("Use instead"), f"{code}: Use instead lacks the main guard"
    if code != "MP101":
        assert guard in rule.code_block("Example"), f"{code}: Example lacks the main guard"


@pytest.mark.parametrize("code", CODES)
def test_fix_safety_matches_fix_title(code):
    rule = get(code)
    text = rule.section("Fix safety")
    assert text
    if rule.fix_title is None:
        assert "This rule has no automatic fix." in text
    else:
        assert "This rule has no automatic fix." not in text


@pytest.mark.parametrize("code", CODES)
def test_hover_lists_every_platform(code):
    rule = get(code)
    hover = hover_markdown(rule, finding_for(rule))
    if code in ("MP001", "MP002", "MP003"):
        # The file was not analysed, or the finding is about a comment: a per-platform table would
        # wrongly say "works" everywhere.
        assert "| Platform" not in hover
    else:
        for env in ENVIRONMENTS:
            assert env.label in hover, f"{code}: hover lacks {env.label}"
    assert rule.url in hover


@pytest.mark.parametrize("code", CODES)
def test_hover_marks_broken_platforms(code):
    rule = get(code)
    finding = finding_for(rule)
    hover = hover_markdown(rule, finding)
    if finding.start_methods or finding.extra_platforms:
        assert "| fails: `" in hover, f"{code}: the hover shows no failing platform"


@pytest.mark.parametrize("code", CODES)
def test_cli_rule_prints_docs(code, capsys):
    assert main(["rule", code]) == 0
    out = capsys.readouterr().out
    rule = get(code)
    assert out.startswith(f"# {rule.code} {rule.name}")
    for title in SECTIONS:
        assert f"## {title}" in out
    assert rule.code_block("Example") in out
    assert out == render_rule(rule) + "\n"


def test_cli_rule_lowercase_code(capsys):
    assert main(["rule", "mp201"]) == 0
    assert capsys.readouterr().out.startswith("# MP201 unpicklable-callable")


def test_cli_rule_all_lists_every_code(capsys):
    assert main(["rule", "--all"]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^(MP\d{3})\s", out, re.M)
    assert listed == CODES


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", ROOT / "scripts" / "gen_rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_rules_md_is_up_to_date():
    generated = _generator().generate()
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == generated, "docs/rules.md is stale: run python scripts/gen_rule_docs.py"


def test_docs_rules_md_anchors_match_rule_urls():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES:
        anchor = rule.url.rsplit("#", 1)[1]
        assert f'<a id="{anchor}"></a>' in text, f"{rule.code}: no anchor {anchor}"
        assert f"(#{anchor})" in text


def test_generator_prints_rules_table(capsys, tmp_path, monkeypatch):
    gen = _generator()
    monkeypatch.setattr(gen, "OUTPUT", tmp_path / "rules.md")
    assert gen.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| Code | Name |")
    for code in CODES:
        assert f"| {code} |" in out
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == gen.generate()

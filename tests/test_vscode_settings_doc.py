"""docs/vscode-settings.md lists every setting of client-vscode/package.json, as the generator writes it,
and every setting the issue asked for (ruff-vscode's) is there."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("gen_vscode_settings", ROOT / "scripts" / "gen_vscode_settings.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
MANIFEST = json.loads((ROOT / "client-vscode" / "package.json").read_text(encoding="utf-8"))
PROPS = MANIFEST["contributes"]["configuration"]["properties"]
DOC = (ROOT / "docs" / "vscode-settings.md").read_text(encoding="utf-8")


def test_the_table_is_what_the_generator_writes():
    assert gen.rendered(DOC) == DOC, "run: python scripts/gen_vscode_settings.py"


def test_every_setting_has_a_row_with_its_default_and_values():
    rows = {line.split("|")[1].strip(" `"): line for line in DOC.splitlines() if line.startswith("| `mpguard.")}
    assert set(rows) == set(PROPS)
    for key, prop in PROPS.items():
        assert f"`{json.dumps(prop['default'])}`" in rows[key], key
        for value in prop.get("enum", []):
            assert f"`{value}`" in rows[key], (key, value)
        assert len(prop["description"]) > 20, key


def test_the_settings_ruff_vscode_has():
    wanted = ["mpguard.enable", "mpguard.lint.run", "mpguard.path", "mpguard.args", "mpguard.configurationPreference",
              "mpguard.codeAction.fixViolation.enable", "mpguard.codeAction.disableRuleComment.enable",
              "mpguard.fixAll", "mpguard.logLevel", "mpguard.logFile"]
    assert set(wanted) <= set(PROPS)
    assert PROPS["mpguard.lint.run"]["enum"] == ["onType", "onSave"]
    assert PROPS["mpguard.configurationPreference"]["enum"] == ["editorFirst", "filesystemFirst", "editorOnly"]


def test_the_server_accepts_every_editor_setting_the_extension_sends():
    """What client-vscode's serverSettings sends must parse without an 'unknown setting' warning."""
    from mpguard.config import editor_options, merge
    from mpguard.linter.settings import Settings

    sent = {"targets": ["linux"], "enable": True, "lint": {"run": "onSave"}, "configurationPreference": "editorOnly",
            "codeAction": {"fixViolation": {"enable": False}, "disableRuleComment": {"enable": True}},
            "fixAll": False, "logLevel": "debug", "logFile": "/tmp/mpguard-test.log"}
    assert merge(Settings(), sent)[1] == []
    options, problems = editor_options(sent)
    assert problems == [] and options.lint_run == "onSave" and not options.fix_violation and not options.fix_all


def test_restricted_configurations_cover_every_setting_that_chooses_an_executable():
    caps = MANIFEST["capabilities"]
    assert caps["untrustedWorkspaces"]["supported"] == "limited"
    assert set(caps["untrustedWorkspaces"]["restrictedConfigurations"]) == {
        "mpguard.path", "mpguard.args", "mpguard.interpreter", "mpguard.importStrategy"}
    assert caps["virtualWorkspaces"]["supported"] is False

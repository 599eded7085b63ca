"""Unit tests for the LSP shell's position and edit conversions (no server process)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from mpguard.text.source import SourceText
from mpguard.lsp import convert
from mpguard.lsp.actions import whole_edit
from mpguard.lsp.settings import SettingsStore, unwrap

CHARS = st.sampled_from(list("ab\t é🐍中") + ["\r\n", "\n", "\r"])


@settings(max_examples=200, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join), st.sampled_from(["utf-8", "utf-16", "utf-32"]), st.data())
def test_positions_round_trip(text, encoding, data):
    source = SourceText(text)
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # inside a CRLF pair is not a position
    pos = source.position(offset)
    lsp = convert.to_lsp_position(source, pos, encoding)
    assert convert.from_lsp_position(source, lsp, encoding) == pos


@settings(max_examples=200, deadline=None)
@given(st.lists(CHARS, max_size=30).map("".join), st.lists(CHARS, max_size=30).map("".join))
def test_whole_edit_turns_old_into_new(old, new):
    source = SourceText(old)
    for edit in whole_edit(old, new, "utf-16"):
        start = source.offset(convert.from_lsp_position(source, edit.range.start, "utf-16"))
        end = source.offset(convert.from_lsp_position(source, edit.range.end, "utf-16"))
        old = old[:start] + edit.new_text + old[end:]
    assert old == new


def test_settings_wrappers_and_warnings():
    warnings = []
    store = SettingsStore(warnings.append)
    assert unwrap({"settings": {"mpguard": {"targets": ["linux"]}}}) == {"targets": ["linux"]}
    store.set_client({"settings": {"targets": ["linux"], "pythonVersion": "3.12", "nope": 1}}, "init")
    settings = store.for_path(None)
    assert settings.targets.platforms == {"linux"} and settings.targets.max_version == (3, 12)
    store.for_path(None)
    assert len(warnings) == 1 and "nope" in warnings[0]  # shown once, not per file
    store.set_client(["not", "a", "table"], "init")
    assert store.for_path(None).targets.platforms == {"windows", "macos", "linux"}


def test_a_related_location_in_another_module_becomes_related_information_with_its_uri(tmp_path):
    from mpguard.text.findings import Finding, Position, RelatedFile

    helper = tmp_path / "launcher.py"
    source = SourceText("launch(make())\n")
    finding = Finding("MP201", "closure", Position(1, 0), Position(1, 14), frozenset({"spawn"}),
                      related=((Position(1, 7), "made here"),),
                      related_file=RelatedFile(str(helper), 4, "`target` of launch() crosses into the child here"))
    diagnostic = convert.diagnostic(source, finding, "utf-16", 1, uri="file:///main.py")
    same, other = diagnostic.related_information
    assert same.location.uri == "file:///main.py" and same.location.range.start.character == 7
    assert other.location.uri == helper.resolve().as_uri()
    assert (other.location.range.start.line, other.location.range.start.character) == (3, 0)
    assert other.message.startswith("`target` of launch()")

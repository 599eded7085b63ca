"""The docs/editors.md snippets of editors Debian 12 does not package (Helix, Sublime Text, Zed,
nvim-lspconfig, Neovim 0.8+): they cannot be run here, so each is checked for what can be checked
without the editor: it parses, it starts `mpguard server`, and every setting it sends is one the
server accepts without a warning. (Neovim 0.7 and Emacs + eglot are run for real: test_editors.py.)"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mpguard.config import editor_options, merge
from mpguard.linter.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = Path(__file__).resolve().parents[2] / "docs" / "editors.md"


def blocks(heading: str, language: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(heading)
    nxt = re.search(r"^#{2,3} ", text[start + len(heading):], re.M)
    section = text[start:start + len(heading) + (nxt.start() if nxt else len(text))]
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


def accepted(raw: dict) -> None:
    """The server takes these settings without a single warning."""
    _, problems = merge(Settings(), raw, "snippet")
    _, more = editor_options(raw, "snippet")
    assert problems + more == [], problems + more


def test_helix():
    config = tomllib.loads(blocks("## Helix", "toml")[0])
    server = config["language-server"]["mpguard"]
    assert [server["command"], *server["args"]] == ["mpguard", "server"]
    accepted(server["config"])
    python = next(lang for lang in config["language"] if lang["name"] == "python")
    assert "mpguard" in python["language-servers"]


def test_sublime():
    client = json.loads(blocks("## Sublime Text", "json")[0])["clients"]["mpguard"]
    assert client["command"] == ["mpguard", "server"] and client["selector"] == "source.python"
    accepted(client["initializationOptions"])
    accepted(client["settings"]["mpguard"])


def test_zed():
    lsp = json.loads(blocks("## Zed", "json")[0])["lsp"]["mpguard"]
    assert [lsp["binary"]["path"], *lsp["binary"]["arguments"]] == ["mpguard", "server"]
    accepted(lsp["initialization_options"])
    accepted(lsp["settings"]["mpguard"])


@pytest.mark.parametrize("heading", ["### Neovim 0.11+", "### Neovim 0.8"])
def test_neovim_lua_snippets_parse(heading, tmp_path):
    """Compiled (not run) by Neovim's own Lua: the APIs they call need Neovim 0.8+ or nvim-lspconfig."""
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (scripts/install_editors.sh)")
    snippets = blocks(heading, "lua")
    assert snippets and all('"mpguard", "server"' in s for s in snippets)
    for number, snippet in enumerate(snippets):
        path = tmp_path / f"snippet{number}.lua"
        path.write_text(snippet, encoding="utf-8")
        check = (f"lua local f, e = loadfile({json.dumps(str(path))}); "
                 "if not f then io.stderr:write(e); vim.cmd('cq') end")
        proc = subprocess.run([nvim, "--headless", "-u", "NONE", "-c", check, "-c", "qa!"],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, (heading, number, proc.stderr)

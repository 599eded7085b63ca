"""`mpguard check` on one file imports only what checking needs (issue 16, a fast start): no language
server, no jedi until a name must be resolved, no migration, no XML, no temporary files. Checked by
the modules loaded, never by a timing."""
from __future__ import annotations

import json
import subprocess
import sys

from mpguard.cli import migrate as migrate_cli

NOT_FOR_CHECK = ("pygls", "lsprotocol", "cattrs", "jedi", "parso", "xml.etree", "tempfile", "difflib",
                 "platform", "mpguard.lsp", "mpguard.linter.migrate")

SCRIPT = """
import contextlib, io, json, sys
from mpguard.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["check", "--no-cache", "--exit-zero", sys.argv[1]])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def test_check_of_one_file_imports_no_shell_it_does_not_use(tmp_path):
    program = tmp_path / "one.py"
    program.write_text("import multiprocessing as mp\n\ndef work(x):\n    return x\n\n"
                       "with mp.Pool(2) as pool:\n    pool.map(work, range(3))\n")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(program)], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "mpguard.rules.catalog" in loaded  # it did check the file
    found = [m for m in loaded if any(m == p or m.startswith(p + ".") for p in NOT_FOR_CHECK)]
    assert found == []


def test_the_migrate_parser_lists_the_formats_of_the_migration():
    from mpguard.linter.migrate import FORMATS

    assert migrate_cli.FORMATS == FORMATS

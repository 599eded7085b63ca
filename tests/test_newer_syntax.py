"""A file that uses syntax newer than the interpreter mpguard runs on is reported with the version it
needs, not as a bare SyntaxError (88 of the package sweep's findings were such files)."""
import sys

import pytest

from mpguard.linter.analyze import analyze
from mpguard.text.newer_syntax import newer_syntax


@pytest.mark.parametrize(("line", "version"), [
    ("type Mode = Literal['a', 'b']", (3, 12)),
    ("def first[T](items: list[T]) -> T:", (3, 12)),
    ("class Box[T]:", (3, 12)),
    ("except ValueError, TypeError:", (3, 14)),
    ('message = t"hello {name}"', (3, 14)),
])
def test_newer_syntax_is_recognised(line, version):
    assert newer_syntax(line, (3, 11))[0] == version
    assert newer_syntax(line, (3, 15)) is None  # not newer than a running 3.15


@pytest.mark.parametrize("line", ["type = 3", "x = it'", "except (ValueError, TypeError):", "def f(x):"])
def test_ordinary_lines_are_not_taken_for_newer_syntax(line):
    assert newer_syntax(line, (3, 11)) is None


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the running Python parses PEP 695")
def test_a_pep_695_file_names_the_version_it_needs():
    [finding] = analyze("import multiprocessing\n\ntype Pair = tuple[int, int]\n", "m.py").findings
    assert finding.code == "MP001" and "Python 3.12 syntax" in finding.message and finding.start.row == 3

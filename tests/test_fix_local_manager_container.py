"""MP413's fix for `multiprocessing.Manager().dict()` (or `.list()`) made in a daemonic Pool worker and used there
only as a container (sailfish #6, fresh_reports8 sailfish6_manager_inside_pool_worker): a plain `dict()` /
`list()`, which starts no manager process. Near misses: the proxy handed to a call, returned, captured by a nested
function, or the manager bound to a name. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze

SOURCE = '''import multiprocessing
import sys


def group(edges):
    found = multiprocessing.Manager().KIND()
    for name, key in edges:
        USE
    return RETURNED


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        out = pool.map(group, [[("a", 1), ("b", 1)], [("c", 2)]])
    print("RESULT=%s" % out)
    sys.exit(0 if out == EXPECTED else 3)
'''

DICT = {"KIND": "dict", "USE": "found[key] = found.get(key, []) + [name]",
        "RETURNED": "{k: sorted(v) for k, v in found.items()}", "EXPECTED": "[{1: ['a', 'b']}, {2: ['c']}]"}
LIST = {"KIND": "list", "USE": "found.append(name)", "RETURNED": "sorted(found)", "EXPECTED": "[['a', 'b'], ['c']]"}


def program(parts, **changes):
    text = SOURCE
    for key, value in [*changes.items(), *parts.items()]:  # a change may hold a part's placeholder
        text = text.replace(key, value)
    return text


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


def mp413(text):
    return [f for f in analyze(text, "case.py").findings if f.code == "MP413"]


@pytest.mark.parametrize("parts, made", [(DICT, "    found = dict()\n"), (LIST, "    found = list()\n")])
def test_the_proxy_becomes_a_plain_container(parts, made):
    text = program(parts)
    assert mp413(text)
    out = fixed(text)
    assert made in out and "Manager" not in out
    assert mp413(out) == []


@pytest.mark.parametrize("changes", [
    {"RETURNED": "found"},                                              # returned: the caller gets the container
    {"USE": "record(found, name)"},                                   # handed to a call
    {"USE": "(lambda: found.append(name))()"},                        # captured by a nested function
    {"    found = multiprocessing.Manager().KIND()": "    manager = multiprocessing.Manager()\n    found = manager.KIND()"},
])
def test_no_fix_when_the_proxy_is_more_than_a_local_container(changes):
    text = program(LIST, **changes)
    if "record(" in text:
        text = text.replace("def group(", "def record(seq, name):\n    seq.append(name)\n\n\ndef group(")
    assert mp413(text)
    assert all(f.fix is None or "plain" not in f.fix.message for f in mp413(text))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "main.py"
    path.write_text(program(DICT))
    before = run_program(path, method, timeout=60)
    assert before.returncode != 0 and "daemonic processes are not allowed to have children" in before.stderr
    path.write_text(fixed(program(DICT)))
    after = run_program(path, method, timeout=60)
    assert after.returncode == 0 and "RESULT=[{1: ['a', 'b']}, {2: ['c']}]" in after.stdout, after.stderr

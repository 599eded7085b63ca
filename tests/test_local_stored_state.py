"""What a method of another project module stores in `self` through a local name (semantic/local_values.py):
`root = etree.Element("x")` ... `self._xml = root` stores the local's value, as `self._xml = etree.Element("x")`
does (fresh_libs8 fundus655: fundus' LinkedDataMapping caches an lxml element, and the Article holding it is
returned from a ProcessPoolExecutor). Only a value the local certainly holds is judged: every assignment of the
local must be refused, and a name bound any other way (a loop target, a parameter, ...) says nothing."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import assert_outcome, run_program, sent_back_copy, skip_without

from mpguard.linter.analyze import analyze
from mpguard.linter.summaries import SUMMARIZER
from mpguard.resolve.project import ProjectResolver

HELPER = """
    import threading


    class Cache:
        def __init__(self):
            self._held = None

        def fill(self):
            if self._held is None:
                BODY
            return self._held
"""

SCRIPT = """
    from concurrent.futures import ProcessPoolExecutor

    from cachemod import Cache


    def work(i):
        cache = Cache()
        cache.fill()
        return cache


    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as pool:
            print(len(list(pool.map(work, range(2)))))
"""


def _findings(tmp_path: Path, body: str, helper: str = HELPER):
    indent = " " * 12
    text = textwrap.dedent(helper).replace("BODY", textwrap.indent(textwrap.dedent(body), indent).strip())
    (tmp_path / "cachemod.py").write_text(text)
    script = tmp_path / "use.py"
    script.write_text(textwrap.dedent(SCRIPT))
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    return [f for f in analyze(script.read_text(), path=str(script), resolver=resolver).findings
            if f.code == "MP207" and not sent_back_copy(f)]


def test_a_constructor_call_on_the_right_hand_side_is_found(tmp_path):
    found = _findings(tmp_path, "self._held = threading.Lock()")
    assert [f.start.row for f in found] == [10] and "._held" in found[0].message


def test_a_local_assigned_once_then_stored_is_found(tmp_path):
    found = _findings(tmp_path, """
        lock = threading.Lock()
        lock.acquire()
        lock.release()
        self._held = lock
    """)
    assert [f.start.row for f in found] == [10] and "._held is a threading lock" in found[0].message


def test_a_local_with_two_refused_values_is_found(tmp_path):
    found = _findings(tmp_path, """
        if self._held is None:
            lock = threading.Lock()
        else:
            lock = threading.RLock()
        self._held = lock
    """)
    assert [f.start.row for f in found] == [10]


@pytest.mark.parametrize("body", [
    # one of the values may be fine: not certain
    "lock = threading.Lock()\nif not lock.acquire(False):\n    lock = None\nself._held = lock",
    # a loop target: its values are the items
    "for lock in [threading.Lock()]:\n    pass\nlock = threading.Lock()\nself._held = lock",
    # an augmented assignment rebinds it
    "lock = threading.Lock()\nlock += 1\nself._held = lock",
    # only what the local is turned into is stored
    "lock = threading.Lock()\nself._held = repr(lock)",
    # the local of a nested function is another name
    "def make():\n    lock = threading.Lock()\n    return lock\nlock = make\nself._held = lock",
    # declared global: the module's name, not a local
    "global lock\nself._held = lock",
])
def test_a_local_without_a_certain_refused_value_says_nothing(tmp_path, body):
    assert _findings(tmp_path, body) == []


def test_a_store_inside_a_nested_function_does_not_read_the_method_locals(tmp_path):
    assert _findings(tmp_path, """
        lock = threading.Lock()
        def keep(lock=None):
            self._held = lock
        keep()
    """) == []


def test_a_class_that_pickles_its_own_state_says_nothing(tmp_path):
    helper = HELPER.replace("    def fill(self):", "    def __getstate__(self):\n            return {}\n\n"
                            "        def fill(self):")
    assert _findings(tmp_path, "lock = threading.Lock()\nself._held = lock", helper) == []


# --- runtime: the object crosses back from the pool under every start method ------------------------------

LXML_HELPER = '''
from lxml import etree


class Mapping:
    def __init__(self, items):
        self.items = items
        self._xml = None

    def as_xml(self):
        if self._xml is None:
            root = etree.Element("items")
            for item in self.items:
                etree.SubElement(root, "item").text = item
            self._xml = root
        return self._xml
'''

LXML_FIXED = LXML_HELPER.replace("    def as_xml(self):", '''    def __getstate__(self):
        return {"items": self.items, "_xml": None}

    def as_xml(self):''')

LXML_SCRIPT = '''
from concurrent.futures import ProcessPoolExecutor

from xmlmap import Mapping


def parse(i):
    mapping = Mapping(["a%d" % i, "b%d" % i])
    mapping.as_xml()
    return mapping


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        print("RESULT=%d" % len(list(pool.map(parse, range(3)))))
'''


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("fixed", [False, True])
def test_runtime_an_lxml_element_cached_through_a_local(tmp_path, method, fixed):
    skip_without("lxml")
    (tmp_path / "xmlmap.py").write_text(LXML_FIXED if fixed else LXML_HELPER)
    script = tmp_path / "main.py"
    script.write_text(LXML_SCRIPT)
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    found = [f for f in analyze(LXML_SCRIPT, path=str(script), resolver=resolver).findings if f.code == "MP207"]
    assert bool(found) is not fixed and all(method in f.start_methods for f in found)
    out = run_program(script, method, cwd=tmp_path)
    assert_outcome(out, not fixed, "cannot pickle 'lxml.etree._Element' object", "RESULT=3")

"""MP302 for state kept in a module-level class and changed through a classmethod's `cls` (`cls.scorers[name] = f`),
read by pool workers through `cls` too: a spawned worker re-imports the module and sees the empty registry
(BiG-SCAPE #15's shape: fresh_realistic3 globals_bigscape_plugin_registry_filled_in_main, run under fork, spawn and
forkserver). No fix: the class travels by name, so handing it to the workers carries none of its state."""
import textwrap

import pytest

from helpers import state_dispatch_copy
from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing


class Registry:
    scorers = {}

    @classmethod
    def register(cls, name, func):
        {write}

    @classmethod
    def score(cls, name, pair):
        scorer = {read}.get(name)
        return scorer(pair) if scorer else None


def jaccard(pair):
    return len(set(pair[0]) & set(pair[1]))


def score_pair(pair):
    return Registry.score("jaccard", pair)


def main():
    {setup}
    with multiprocessing.Pool(2) as pool:
        return pool.map(score_pair, [("ab", "bc")])


if __name__ == "__main__":
    print(main())
"""
FILLED = 'Registry.register("jaccard", jaccard)'


def mp302(write="cls.scorers[name] = func", read="cls.scorers", setup=FILLED) -> list:
    source = PROGRAM.replace("{write}", write).replace("{read}", read).replace("{setup}", setup)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings
            if f.code == "MP302" and not state_dispatch_copy(f)]


@pytest.mark.parametrize("write, read", [
    ("cls.scorers[name] = func", "cls.scorers"),
    ("cls.scorers[name] = func", "Registry.scorers"),
    ("Registry.scorers[name] = func", "cls.scorers"),
    ("cls.scorers.update({name: func})", "cls.scorers"),
])
def test_a_registry_filled_by_the_parent_through_cls(write, read):
    [finding] = mp302(write, read)
    assert finding.start.row == 10 and finding.fix is None


def test_filled_at_import_is_seen_by_every_worker():
    source_setup = "pass"
    assert mp302(setup=source_setup) == []
    filled_at_import = PROGRAM.replace("{write}", "cls.scorers[name] = func").replace("{read}", "cls.scorers") \
        .replace("{setup}", "pass").replace("\n\ndef main():", '\n\nRegistry.register("jaccard", jaccard)\n\n\ndef main():')
    assert [f for f in analyze(textwrap.dedent(filled_at_import), "case.py").findings if f.code == "MP302"] == []


def test_a_local_named_cls_is_not_the_class():
    assert mp302(write="cls = dict(cls.scorers)\n        cls[name] = func") == []

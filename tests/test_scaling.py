"""Work that must grow linearly with the code, counted rather than timed (these machines are noisy).

Each case was quadratic once: a function calling itself a thousand times took seconds to walk, and a
file calling set_start_method hundreds of times took seconds to check."""
from __future__ import annotations

import mpguard.semantic.walker as walker_module
from mpguard.linter.analyze import analyze
from mpguard.rules.context import RuleContext


def counting(monkeypatch, owner, name: str) -> list:
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_function_that_calls_itself_is_scanned_for_yield_once(monkeypatch):
    # A call to a function not walked yet asks whether it is a generator; the answer is kept.
    scans = counting(monkeypatch, walker_module, "_yields")
    source = "import multiprocessing\n\ndef step(n):\n" + "    step(n - 1)\n" * 300 + "    return n\n"
    result = analyze(source, "m.py", fixes=False)
    assert result.parsed
    assert len(scans) == 1


def test_repeated_set_start_method_compares_each_call_with_the_first_before_it(monkeypatch):
    compared = counting(monkeypatch, RuleContext, "exclusive")
    source = "import multiprocessing as mp\n\ndef main():\n" + "    mp.set_start_method('spawn')\n" * 200
    findings = analyze(source, "m.py", fixes=False).findings
    assert sum(f.code == "MP401" for f in findings) == 199  # every call after the first raises
    assert len(compared) < 2 * 200


def _layered_objects(depth: int) -> str:
    """Each class keeps an object of the class below it in two attributes, each either of two
    constructions: judged naively, an object at the top stands for 4**depth paths to the bottom (all
    of them fine, so every path is walked)."""
    lines = ["import multiprocessing", "", "class L0:", "    def __init__(self):", "        self.f = 0", ""]
    for level in range(1, depth + 1):
        lines += [f"class L{level}:", "    def __init__(self, inner=None, other=None):",
                  f"        self.a = inner or L{level - 1}()", f"        self.b = other or L{level - 1}()",
                  "    def run(self):", "        pass", ""]
    lines += ["if __name__ == '__main__':", f"    p = multiprocessing.Process(target=L{depth}().run)", "    p.start()"]
    return "\n".join(lines) + "\n"


def test_objects_holding_objects_are_judged_once_each(monkeypatch):
    # ipyparallel (the package sweep) took minutes: a union of instances whose attributes held unions
    # of instances was judged again along every path.
    from mpguard.semantic.pickling import Pickler

    judged = counting(monkeypatch, Pickler, "_object_problem")
    for depth in (5, 10, 20):
        judged.clear()
        findings = analyze(_layered_objects(depth), "m.py", fixes=False).findings
        assert findings == []
        assert len(judged) <= 8 * depth  # linear in the classes, not 4 ** depth

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

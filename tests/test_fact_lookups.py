"""Rules that look a fork point up in the module's facts do it through one table per analysis (issue 16,
rules/fact_lookup.py), not by scanning every submit, start, creation or join again for each fork point: a module
of many functions that each fork was quadratic (the 20,000-line benchmark file: 1,300 fork points). Counted, never
timed: the items read from those lists grow with the module, the findings are the ones the scans gave."""
from __future__ import annotations

import ast
from types import SimpleNamespace

from helpers import rows

import mpguard.semantic.walker as walker_module
from mpguard.linter.analyze import analyze
from mpguard.rules import fact_lookup
from mpguard.semantic.names import ImportMap
from mpguard.semantic.walker import Walker

HEAD = """import multiprocessing as mp
import threading
import time

LOCK = threading.Lock()


def hold():
    with LOCK:
        time.sleep(4)


def task(x):
    with LOCK:
        return x


def fill(q):
    q.put("x" * 100000)

"""

# Each function: a thread left running, then a fork-context Pool and Process (MP423, MP305), and a child writing more
# than the pipe holds, joined with a timeout, then joined, before its queue is read (MP410 at the first join).
FORKER = """
def run{i}(q):
    warmer = threading.Thread(target=hold, daemon=True)
    warmer.start()
    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:
        print(pool.map(task, [1]))
    p = ctx.Process(target=task, args=(q,))
    p.start()
    p.join()
    out = mp.Queue()
    w = mp.Process(target=fill, args=(out,))
    w.start()
    w.join(1)
    w.join()
    return out.get()
"""


def program(count: int) -> str:
    calls = "".join(f"    run{i}(q)\n" for i in range(count))
    return HEAD + "".join(FORKER.format(i=i) for i in range(count)) + \
        f"\nif __name__ == '__main__':\n    q = mp.Queue()\n{calls}"


class CountingList(list):
    """A list that counts the items read from it by iteration."""

    def __init__(self, items, tally):
        super().__init__(items)
        self.tally = tally

    def __iter__(self):
        for item in super().__iter__():
            self.tally[0] += 1
            yield item


LISTS = ("submits", "starts", "creations", "ops")


def items_read(monkeypatch, source: str) -> tuple[int, list]:
    """(how many items the rules read from the facts' lists of submits, starts, creations and ops, the findings)."""
    tally = [0]
    original = walker_module.Walker.run

    def run(self, *args, **kwargs):
        facts = original(self, *args, **kwargs)
        for name in LISTS:  # (the walk is over: what is read from here on is the rules')
            setattr(facts, name, CountingList(getattr(facts, name), tally))
        return facts

    monkeypatch.setattr(walker_module.Walker, "run", run)
    findings = analyze(source, "m.py", fixes=False).findings
    return tally[0], findings


def test_fork_points_are_looked_up_in_linear_work(monkeypatch):
    small, small_findings = items_read(monkeypatch, program(10))
    large, large_findings = items_read(monkeypatch, program(40))
    for code in ("MP423", "MP305", "MP410"):  # one of each per function, whatever their number
        assert sum(f.code == code for f in small_findings) == 10
        assert sum(f.code == code for f in large_findings) == 40
    # Four times the functions: about four times the items read (scanning per fork point read sixteen times more).
    assert large < 5 * small


def test_the_join_before_drain_is_reported_at_the_first_bounded_join_of_its_own_process():
    source = program(3)
    lines = source.splitlines()
    first_joins = [i for i, line in enumerate(lines, 1) if line.strip() == "w.join(1)"]
    assert rows(source, "MP410") == first_joins
    # Without the join(timeout), at the join; a join(timeout) of another process does not count.
    other = source.replace("    w.join(1)\n", "    p.join(1)\n")
    joins = [i for i, line in enumerate(other.splitlines(), 1) if line.strip() == "w.join()"]
    assert rows(other, "MP410") == joins


def test_a_thread_started_in_another_function_is_not_alive_at_this_fork():
    # run1 starts no thread: only run0's forks are judged, though run1 forks after run0's thread started.
    source = HEAD + FORKER.format(i=0) + FORKER.format(i=1).replace(
        "    warmer = threading.Thread(target=hold, daemon=True)\n    warmer.start()\n", "") + \
        "\nif __name__ == '__main__':\n    q = mp.Queue()\n    run1(q)\n"
    lines = source.splitlines()
    second = lines.index("def run1(q):") + 1
    found = rows(source, "MP423")
    assert found and all(row < second for row in found)


def _facts(source: str):
    tree = ast.parse(source)
    return Walker(tree, ImportMap(None), None).run()


def test_the_tables_answer_as_the_scans_did():
    facts = _facts(program(4))
    ctx = SimpleNamespace(facts=facts, memo={})
    assert facts.submits and facts.starts and facts.creations
    nodes = [s.node for s in facts.submits] + [s.node for s in facts.starts] + [c.node for c in facts.creations]
    objects = [s.obj for s in facts.starts] + [c.value for c in facts.creations]
    stranger = ast.Call(func=ast.Name("x"), args=[], keywords=[])
    for node in nodes + [stranger]:
        assert fact_lookup.submits_at(ctx, node) == [s for s in facts.submits if s.node is node]
        assert fact_lookup.starts_at(ctx, node) == [s for s in facts.starts if s.node is node]
        assert fact_lookup.creations_at(ctx, node) == [c for c in facts.creations if c.node is node]
    for obj in objects + [stranger]:
        assert fact_lookup.starts_of(ctx, obj) == [s for s in facts.starts if s.obj is obj]
        assert fact_lookup.creations_of(ctx, obj) == [c for c in facts.creations if c.value is obj]
    assert fact_lookup.first_of([]) is None and fact_lookup.first_of(facts.starts) is facts.starts[0]
    threads = [s for s in facts.starts if s.obj.kind == "Thread"]
    assert fact_lookup.thread_starts(ctx) == threads and len(threads) == 4
    functions = {s.where.function for s in facts.starts} | {None}
    for function in functions:
        assert fact_lookup.thread_starts_in(ctx, function) == [s for s in threads if s.where.function is function]


def writers(count: int) -> str:
    """A module of `count` functions, each writing a file unconditionally and calling the one before it."""
    lines = ["import os", ""]
    for i in range(count):
        lines += [f"def step{i}(path):", "    os.makedirs(path)"] + ([f"    step{i - 1}(path)"] if i else []) + [""]
    return "\n".join(lines)


def test_what_each_function_surely_runs_is_found_in_linear_work(monkeypatch):
    # The summary says, for each top-level function, the side effect a call of it surely reaches (MP102 at an
    # importer's import-time call): the effects of each function it reaches, not every effect for each of them.
    from mpguard.linter.summaries import import_time_summary

    def read(count):
        tally = [0]
        original = walker_module.Walker.run

        def run(self, *args, **kwargs):
            facts = original(self, *args, **kwargs)
            facts.effects = CountingList(facts.effects, tally)
            return facts

        monkeypatch.setattr(walker_module.Walker, "run", run)
        summary = import_time_summary(writers(count), "steps.py", "steps")
        monkeypatch.undo()
        return tally[0], summary

    small, small_summary = read(10)
    large, large_summary = read(40)
    assert sorted(large_summary.effects_when_called) == sorted(f"step{i}" for i in range(40))
    assert all(text.startswith("runs `os.makedirs(...)`") for text in large_summary.effects_when_called.values())
    assert large < 5 * small  # (a scan per function reached: sixteen times more for four times the functions)


# MP102 at an import-time call of a function whose callees each write a file: the message names one of those writes.
REPORTING = """import multiprocessing
import os


class Report:
    def __init__(self, path):
        self.path = path

    def start(self):
        with open(self.path, "w") as fh:
            fh.write("<root>\\n")

    def add(self, item):
        with open(self.path, "a") as fh:
            fh.write(item)

    def finish(self):
        with open(self.path, "a") as fh:
            fh.write("</root>\\n")


def work(x):
    return x


def gather(report, items):
    report.start()
    with multiprocessing.Pool(2) as pool:
        for item in pool.map(work, items):
            report.add(item)
    report.finish()


gather(Report(os.environ.get("OUT", "out.xml")), ["a", "b"])
"""


def test_the_effect_named_is_the_first_call_s_whatever_the_memory_layout():
    # `gather()` reaches three writes; the first it makes (`report.start()`, line 10) is named every time. The
    # functions it reaches were a set, iterated in the order of the nodes' addresses: the line changed from run to run.
    messages = set()
    kept = []
    for size in (0, 1, 100, 1000, 5000, 20000):
        kept.append([object() for _ in range(size)])  # (shifts where the next analysis's nodes are allocated)
        found = [f for f in analyze(REPORTING, "m.py", fixes=False).findings
                 if f.code == "MP102" and f.start.row == 34]
        messages.update(f.message for f in found)
    assert len(messages) == 1
    assert "(line 10)" in messages.pop()

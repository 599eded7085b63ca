"""MP416 for a Process subclass and a reader one call away (fonduer #362, fresh_reports20
fonduer362_udf_apply_get_forever): the subclass's `__init__` keeps the result Queue and a function in fields, its
`run()` puts `self.<fn>(item)` on the queue, the function raises, and the method that starts the workers hands the
queue to another def that reads it with `get()` and no timeout. A `try` of the worker that does not enclose the
raising call (`except Empty: break` around the inbox read) cannot catch it. Near misses: the worker catches around
the call, the reader has a timeout, the reader checks the workers, the field holds a function that does not raise.
Proven under fork, spawn and forkserver (a hang: killed after 20 s; the near misses end at once)."""
import textwrap

import pytest
from helpers import found

from test_lost_results import _run

SUBCLASS = """
    import multiprocessing
    from queue import Empty


    def score(word):
        if not word.isalpha():
            raise ValueError("not a word: %r" % word)
        return len(word)


    def safe_score(word):
        return len(word)


    class Scorer(multiprocessing.Process):
        def __init__(self, inbox, outbox, fn):
            super().__init__()
            self.inbox = inbox
            self.outbox = outbox
            self.fn = fn

        def run(self):
            while True:
                try:
                    word = self.inbox.get(timeout=0.5)
                except Empty:
                    return
                self.outbox.put((word, self.fn(word)))


    def gather(outbox, expected):
        found = {}
        while len(found) < expected:
            word, value = outbox.get()
            found[word] = value
        return found


    class Batch:
        def __init__(self, fn):
            self.fn = fn

        def score_all(self, words):
            inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
            for word in words:
                inbox.put(word)
            procs = [Scorer(inbox, outbox, self.fn) for _ in range(2)]
            for proc in procs:
                proc.start()
            result = gather(outbox, len(words))
            for proc in procs:
                proc.join()
            return result


    if __name__ == "__main__":
        print("RESULT=%s" % sorted(Batch(score).score_all(["ab", "c3", "def"]).items()))
"""

CAUGHT = SUBCLASS.replace("""                self.outbox.put((word, self.fn(word)))""", """                try:
                    value = self.fn(word)
                except ValueError as err:
                    value = str(err)
                self.outbox.put((word, value))""")
TIMEOUT = SUBCLASS.replace("word, value = outbox.get()", "word, value = outbox.get(timeout=30)")
CHECKED = SUBCLASS.replace("result = gather(outbox, len(words))", "result = gather(outbox, len(words), procs)").replace(
    "def gather(outbox, expected):", "def gather(outbox, expected, procs=()):").replace(
    "while len(found) < expected:", "while len(found) < expected and any(p.is_alive() for p in procs):")
SAFE = SUBCLASS.replace("Batch(score)", "Batch(safe_score)")

FUNCTION = """
    import multiprocessing
    from queue import Empty


    def parse(line):
        if "=" not in line:
            raise KeyError(line)
        return line.split("=", 1)


    def reader(lines, pairs):
        while True:
            try:
                line = lines.get(timeout=0.5)
            except Empty:
                break
            pairs.put(parse(line))


    def drain(pairs, n):
        return [pairs.get() for _ in range(n)]


    def main(text):
        lines, pairs = multiprocessing.Queue(), multiprocessing.Queue()
        for line in text:
            lines.put(line)
        proc = multiprocessing.Process(target=reader, args=(lines, pairs))
        proc.start()
        got = drain(pairs, len(text))
        proc.join()
        return got


    if __name__ == "__main__":
        print("RESULT=%s" % main(["a=1", "b", "c=3"]))
"""

FUNCTION_CAUGHT = FUNCTION.replace("""            pairs.put(parse(line))""", """            try:
                pairs.put(parse(line))
            except KeyError:
                pairs.put((line, None))""")


def test_a_subclass_whose_field_function_raises():
    [finding] = found(SUBCLASS, "MP416")
    assert "`outbox.get()`" in finding.message and "Scorer.run" in finding.message
    assert "`self.fn(...)` may raise ValueError" in finding.message


def test_a_target_with_a_try_elsewhere_and_a_reader_one_call_away():
    [finding] = found(FUNCTION, "MP416")
    assert "`pairs.get()`" in finding.message and "`parse(...)` may raise KeyError" in finding.message


@pytest.mark.parametrize("program", [CAUGHT, TIMEOUT, CHECKED, SAFE, FUNCTION_CAUGHT],
                         ids=["caught", "timeout", "checked", "safe", "function-caught"])
def test_near_misses(program):
    assert program not in (SUBCLASS, FUNCTION)
    assert found(program, "MP416") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, program in (("subclass", SUBCLASS), ("function", FUNCTION)):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        hung, _ = _run(path, method, timeout=8)  # (must hang: a slow run passes too, so the bound is short)
        assert hung, name
    for name, program, printed in (("caught", CAUGHT, "not a word"), ("safe", SAFE, "('c3', 2)"),
                                   ("function_caught", FUNCTION_CAUGHT, "('b', None)")):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        hung, (status, out, err) = _run(path, method, timeout=120)
        assert not hung and status == 0 and printed in out, (name, out, err)

"""The two false alarms of the blind corpus fresh_reports5 (both observed `ok`):
* tkp's Runner: `__init__` switches to serial when `current_process().daemon`, and `map()` returns before it makes
  the Pool; a nested Runner in a pool task therefore never starts children (MP413 must not be reported);
* zhihu's Char2Id: a function defined under the main guard, handed to a method that makes its Pool when called
  (after the def): forked workers have it (MP202 only under spawn and forkserver)."""
import textwrap

from mpguard.linter.analyze import analyze

from helpers import at_crossing, given_copy

RUNNER = textwrap.dedent("""
    import multiprocessing


    def extract(image):
        return image


    class Runner:
        def __init__(self):
            self.method = "multiproc"
            if CHECK:
                self.method = "serial"

        def map(self, func, items):
            if self.method == "serial":
                return [func(item) for item in items]
            with multiprocessing.Pool(2) as pool:
                return pool.map(func, items)


    def timestep(images):
        return Runner().map(extract, images)


    if __name__ == "__main__":
        print(Runner().map(timestep, [[1, 2], [3]]))
""")


def test_a_class_that_asks_whether_it_is_daemonic():
    checked = RUNNER.replace("CHECK", "multiprocessing.current_process().daemon")
    assert [f.code for f in analyze(checked, "case.py").findings] == []
    unchecked = RUNNER.replace("CHECK", "False")
    assert [f.code for f in analyze(unchecked, "case.py").findings] == ["MP413"]


GUARD_DEF = textwrap.dedent("""
    import multiprocessing


    class Char2Id:
        def convert(self, func, questions):
            with multiprocessing.Pool(2) as pool:
                return pool.map(func, questions)


    if __name__ == "__main__":
        def get_id(question):
            return len(question)

        print(Char2Id().convert(get_id, ["a", "bb"]))
""")


def test_a_pool_made_by_a_method_after_the_guards_def():
    findings = analyze(GUARD_DEF, "case.py").findings
    [finding] = at_crossing(findings)  # (and its copy at the call that gives the function, line 15)
    assert [f.start.row for f in findings if given_copy(f)] == [15]
    assert finding.code == "MP202" and sorted(finding.start_methods) == ["forkserver", "spawn"]

"""The two false alarms of the blind corpus fresh_reports5 (both observed `ok`):
* tkp's Runner: `__init__` switches to serial when `current_process().daemon`, and `map()` returns before it makes
  the Pool; a nested Runner in a pool task therefore never starts children (MP413 must not be reported);
* zhihu's Char2Id: a function defined under the main guard, handed to a method that makes its Pool when called
  (after the def): forked workers have it (MP202 only under spawn and forkserver)."""
import textwrap

from mpguard.linter.analyze import analyze

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
    [finding] = analyze(GUARD_DEF, "case.py").findings
    assert finding.code == "MP202" and sorted(finding.start_methods) == ["forkserver", "spawn"]

"""A method called on an object the callers pass (`for cell in cells: cell.execute()` in a daemonic Process target):
the call graph follows it to the method of each class of the module the object may be, so a Pool that method makes
runs in the daemonic child (fresh_reports5 marimo_daemonic_kernel_runs_pool: daemon_children observed under fork,
spawn and forkserver). A target that is not daemonic, or a method that makes no pool, is fine."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing


    def square(x):
        return x * x


    class Cell:
        def __init__(self, values):
            self.values = list(values)

        def execute(self):
            BODY


    def launch_kernel(cells):
        return [cell.execute() for cell in cells]


    if __name__ == "__main__":
        kernel = multiprocessing.Process(target=launch_kernel, args=([Cell(range(4))],), daemon=DAEMON)
        kernel.start()
        kernel.join()
""")
POOL = "with multiprocessing.Pool(2) as pool:\n                return pool.map(square, self.values)"


@pytest.mark.parametrize("body, daemon, codes", [
    (POOL, "True", ["MP413"]),
    (POOL, "False", []),
    ("return [square(v) for v in self.values]", "True", []),
])
def test_a_method_of_a_passed_object_runs_in_the_child(body, daemon, codes):
    source = PROGRAM.replace("BODY", body).replace("DAEMON", daemon)
    assert [f.code for f in analyze(source, "case.py").findings] == codes

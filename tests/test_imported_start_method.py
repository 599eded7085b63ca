"""A helper of another project module that always calls set_start_method() (`ModuleSummary.setting`), called twice
by the program (nanome-lib #264: the CLI's main() and the plugin's run() both call init_runtime()): the second
call raises `RuntimeError: context has already been set` under every start method (fresh_realistic3
start_method_nanome_runtime_initialised_twice, observed under fork, spawn and forkserver). Reported where the
module is imported, the call that raises a related location's caller; a helper that first checks
get_start_method(allow_none=True), or one called once, is fine."""
from test_semantic_crossmodule import findings, project

RUNTIME = """
    import multiprocessing


    def init_runtime(method="spawn"):
        multiprocessing.set_start_method(method)


    def init_runtime_once(method="spawn"):
        if multiprocessing.get_start_method(allow_none=True) is None:
            multiprocessing.set_start_method(method)
"""

MAIN = """
    import multiprocessing
    from app.runtime import HELPER


    def square(x):
        return x * x


    def run():
        HELPER()
        with multiprocessing.Pool(2) as pool:
            return pool.map(square, [1, 2])


    if __name__ == "__main__":
        SECOND
        print(run())
"""


def check(tmp_path, helper: str, second: str) -> list:
    root = project(tmp_path, {"app/__init__.py": "", "app/runtime.py": RUNTIME,
                              "main.py": MAIN.replace("HELPER", helper).replace("SECOND", second)})
    return findings(root / "main.py", "MP401")


def test_a_helper_that_sets_the_method_called_twice(tmp_path):
    [finding] = check(tmp_path, "init_runtime", "init_runtime()")
    assert finding.start.row == 3  # the import of app.runtime
    assert "app.runtime.init_runtime() sets the start method" in finding.message
    assert finding.related_file.path.endswith("runtime.py") and finding.related_file.line == 6


def test_called_once_or_checked_first_is_fine(tmp_path):
    assert check(tmp_path, "init_runtime", "pass") == []
    assert check(tmp_path / "b", "init_runtime_once", "init_runtime_once()") == []

"""Values that cross module boundaries inside a project: summaries of what another module's functions
do with a caller's values (linter/summaries.py) read by the rules of the importing module."""
import textwrap

from helpers import at_import_copy, handed_copy, sent_back_copy, state_dispatch_copy
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings


def project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def findings(path, code=None):
    """(without the copies at an import of the module where a hazard happens, helpers.at_import_copy, at the
    pool call whose task sends the value back, helpers.sent_back_copy, and MP302's at the call that runs a child
    reading the parent's run-time state, helpers.state_dispatch_copy)"""
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings
            if code in (None, f.code) and not at_import_copy(f) and not sent_back_copy(f)
            and not state_dispatch_copy(f) and not handed_copy(f)]


LAUNCHER = """
    import multiprocessing
    def launch(target, *, args=(), name=None):
        proc = multiprocessing.Process(target=target, args=args, name=name)
        proc.start()
        return proc
"""


def test_a_closure_handed_through_a_keyword_mapping_to_another_modules_launcher(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/launcher.py": LAUNCHER, "main.py": """
        from app import launcher
        def make(prefix):
            def report(n):
                print(prefix, n)
            return report
        def main():
            spec = {"target": make("x"), "name": "reporter"}
            launcher.launch(args=(1,), **spec).join()
        if __name__ == "__main__":
            main()
    """})
    [finding] = findings(root / "main.py", "MP201")
    assert finding.start.row == 9
    assert "app.launcher.launch() makes the Process target" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_a_module_level_function_handed_to_the_launcher_is_fine(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/launcher.py": LAUNCHER, "main.py": """
        from app import launcher
        def report(n):
            print(n)
        if __name__ == "__main__":
            launcher.launch(report, args=(1,)).join()
    """})
    assert findings(root / "main.py") == []


def test_a_client_from_another_modules_factory_holds_an_rlock(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/clients.py": """
        import threading
        class Client:
            def __init__(self):
                self._lock = threading.RLock()
        def make_client():
            return Client()
    """, "main.py": """
        import multiprocessing
        from app import clients
        def work(client):
            pass
        if __name__ == "__main__":
            p = multiprocessing.Process(target=work, args=(clients.make_client(),))
            p.start()
    """})
    [finding] = findings(root / "main.py", "MP203")
    assert "_thread.RLock" in finding.message


def test_a_class_of_another_module_that_starts_what_its_constructor_was_given(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/futures.py": """
        import multiprocessing
        class ForkProcess:
            def __init__(self, target=None, kwargs=None):
                self.target = target
                self.kwargs = dict(kwargs or {})
            def start(self):
                self._proc = multiprocessing.Process(target=self.target, kwargs=self.kwargs)
                self._proc.start()
    """, "main.py": """
        from app.futures import ForkProcess
        def merge(callback):
            callback()
        class Merge:
            def start(self):
                proc = ForkProcess(target=merge, kwargs={"callback": lambda: self.tick()})
                proc.start()
            def tick(self):
                pass
        if __name__ == "__main__":
            Merge().start()
    """})
    [finding] = findings(root / "main.py", "MP201")
    assert finding.start.row == 7 and "`kwargs`" in finding.message


def test_a_pool_task_from_another_module_that_starts_a_pool(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/batching.py": """
        import multiprocessing
        def square(x):
            return x * x
        def process_batch(batch):
            with multiprocessing.Pool(2) as inner:
                return sum(inner.map(square, batch))
    """, "main.py": """
        import multiprocessing
        from app import batching
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(batching.process_batch, [[1, 2]]))
    """})
    [finding] = findings(root / "main.py", "MP413")
    # the inner Pool is made in app/batching.py: reported where main.py imports it (the scorer's stand-in for
    # the inner `Pool(...)`, shared oracle), the submitting call a related location
    assert finding.start.row == 3
    assert [(p.row, text) for p, text in finding.related] == [(6, "reached from here")]
    assert finding.related_file.path.endswith("batching.py") and finding.related_file.line == 6


def test_an_import_that_fixes_the_start_method_before_set_start_method(tmp_path):
    files = {"app/__init__.py": "", "app/binders.py": """
        import multiprocessing
        START_METHOD = multiprocessing.get_start_method()
    """, "main.py": """
        import multiprocessing
        from app import binders
        def main():
            multiprocessing.set_start_method("spawn")
        if __name__ == "__main__":
            main()
    """}
    root = project(tmp_path, files)
    [finding] = findings(root / "main.py", "MP401")
    assert "importing app.binders" in finding.message and "get_start_method()" in finding.message
    guarded = files["main.py"].replace('multiprocessing.set_start_method("spawn")',
                                       'try:\n                multiprocessing.set_start_method("spawn")\n'
                                       '            except RuntimeError:\n                pass')
    root = project(tmp_path, {**files, "main.py": guarded})
    assert findings(root / "main.py", "MP401") == []


def test_a_pool_started_three_modules_away_inside_a_pool_task(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/engine.py": """
        import multiprocessing
        def square(x):
            return x * x
        def crunch(batch):
            with multiprocessing.Pool(2) as inner:
                return inner.map(square, batch)
    """, "app/stage.py": """
        from app import engine
        def run_stage(batch):
            return engine.crunch(batch)
    """, "app/tasks.py": """
        from app import stage
        def process(batch):
            return sum(stage.run_stage(batch))
    """, "main.py": """
        import multiprocessing
        from app import tasks
        def work(batch):
            return tasks.process(batch)
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [[1, 2]]))
    """})
    [finding] = findings(root / "main.py", "MP413")
    assert finding.start.row == 5  # the call in the task that leads to the Pool


def test_modules_that_import_each_other_are_summarised_once(tmp_path):
    root = project(tmp_path, {"app/__init__.py": "", "app/a.py": """
        from app import b
        def f():
            return b.g()
    """, "app/b.py": """
        from app import a
        def g():
            return a.f()
    """, "main.py": """
        import multiprocessing
        from app import a
        def work(x):
            return a.f()
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(work, [1])
    """})
    assert findings(root / "main.py") == []


def test_a_finding_made_at_the_call_points_to_where_the_hazard_takes_effect_in_the_other_module(tmp_path):
    """The finding sits at the caller (where the fix goes); the helper's line is a related location in
    its own file (LSP relatedInformation, JSON `related` with a filename)."""
    root = project(tmp_path, {"app/__init__.py": "", "app/launcher.py": LAUNCHER, "app/batching.py": """
        import multiprocessing
        def square(x):
            return x * x
        def process_batch(batch):
            total = 0
            with multiprocessing.Pool(2) as inner:
                total += sum(inner.map(square, batch))
            return total
    """, "app/stage.py": """
        from app import batching
        def run_stage(batch):
            return batching.process_batch(batch)
    """, "main.py": """
        import multiprocessing
        from app import batching, launcher, stage
        def make(prefix):
            def report(n):
                print(prefix, n)
            return report
        if __name__ == "__main__":
            launcher.launch(make("x"), args=(1,)).join()
            with multiprocessing.Pool(2) as pool:
                print(pool.map(batching.process_batch, [[1, 2]]))
                print(pool.map(stage.run_stage, [[1, 2]]))
    """})
    found = {f.start.row: f for f in findings(root / "main.py")}
    # MP413: the nested pool is made in batching.py, so the finding sits where main.py imports it; both tasks
    # reach that one Pool (directly, and through stage.py's call into batching's helper): one finding
    assert found[9].code == "MP201" and found[3].code == "MP413" and sorted(found) == [3, 9]
    assert [(p.row, text) for p, text in found[3].related] == [(11, "reached from here"), (12, "reached from here")]
    closure, pool = found[9].related_file, found[3].related_file
    assert (closure.path, closure.line) == (str(root / "app" / "launcher.py"), 4)
    assert "`target` of launch()" in closure.message
    assert (pool.path, pool.line, pool.site) == (str(root / "app" / "batching.py"), 7, True)  # the Pool, not the def


def test_the_json_output_names_the_other_modules_file_relative_to_the_working_folder(tmp_path):
    import json
    import subprocess
    import sys

    root = project(tmp_path, {"app/__init__.py": "", "app/launcher.py": LAUNCHER, "main.py": """
        from app import launcher
        def make():
            def report(n):
                print(n)
            return report
        if __name__ == "__main__":
            launcher.launch(make(), args=(1,)).join()
    """})
    out = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", "main.py"],
                         cwd=root, capture_output=True, text=True)
    [item] = [i for i in json.loads(out.stdout) if not at_import_copy(i)]
    assert item["related"] == [{"filename": "app/launcher.py", "location": {"row": 4, "column": 1},
                                "message": "`target` of launch() crosses into the child process here",
                                "site": True}]  # (where the hazard happens: checked with main.py alone, it stays here)


def test_no_force_fix_when_the_imported_module_sets_the_method_itself(tmp_path):
    # scikit-opt #233: the library calls set_start_method("fork") when imported. `force=True` on the script's
    # "spawn" made every spawned worker re-import the library, whose call then raised in the worker (the pool
    # hung: fresh_reports3/start_method_scikitopt_library_sets_method under verify_fixes).
    files = {"lib/__init__.py": "", "lib/tools.py": """
        import multiprocessing
        multiprocessing.set_start_method("fork")
    """, "main.py": """
        import multiprocessing
        from lib import tools
        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn")
    """}
    root = project(tmp_path, files)
    [finding] = findings(root / "main.py", "MP401")
    assert "importing lib.tools" in finding.message and finding.fix is None
    forked = files["main.py"].replace('"spawn"', '"fork"')
    root = project(tmp_path, {**files, "main.py": forked})
    [finding] = findings(root / "main.py", "MP401")
    assert finding.fix is not None  # fork children do not re-import: forcing the same method is harmless

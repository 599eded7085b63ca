from helpers import codes, methods, rows

SPAWNISH = {"spawn", "forkserver"}


def test_process_start_at_module_level():
    src = """
        import multiprocessing

        def work():
            pass

        p = multiprocessing.Process(target=work)
        p.start()
        p.join()
    """
    assert rows(src, "MP101") == [8]
    assert methods(src, "MP101") == SPAWNISH


def test_guarded_start_is_fine():
    src = """
        import multiprocessing

        def work():
            pass

        if __name__ == "__main__":
            p = multiprocessing.Process(target=work)
            p.start()
    """
    assert "MP101" not in codes(src)


def test_reversed_guard_is_a_guard():
    src = """
        from multiprocessing import Pool
        def f(x): return x
        if "__main__" == __name__:
            with Pool(2) as pool:
                pool.map(f, [1])
    """
    assert "MP101" not in codes(src)


def test_pool_executor_manager_at_import():
    src = """
        import multiprocessing as mp
        from concurrent import futures

        def f(x):
            return x

        pool = mp.Pool(2)
        manager = mp.Manager()
        with futures.ProcessPoolExecutor() as ex:
            ex.map(f, [1])
    """
    assert rows(src, "MP101") == [8, 9, 10]


def test_executor_created_at_import_but_used_under_guard_is_fine():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def f(x): return x
        EXECUTOR = ProcessPoolExecutor(2)
        if __name__ == "__main__":
            print(list(EXECUTOR.map(f, [1, 2])))
    """
    assert "MP101" not in codes(src)


def test_process_created_not_started_at_import_is_fine():
    src = """
        import multiprocessing
        def work(): pass
        proc = multiprocessing.Process(target=work)
        if __name__ == "__main__":
            proc.start()
    """
    assert "MP101" not in codes(src)


def test_main_called_unguarded_is_flagged_at_the_call():
    src = """
        import multiprocessing

        def work(n):
            return n

        def run_all():
            with multiprocessing.Pool() as pool:
                pool.map(work, range(3))

        def main():
            run_all()

        main()
    """
    assert rows(src, "MP101") == [14]


def test_explicit_spawn_context_bites_everywhere_and_fork_nowhere():
    spawn = """
        import multiprocessing as mp
        ctx = mp.get_context("spawn")
        def work(): pass
        p = ctx.Process(target=work)
        p.start()
    """
    assert methods(spawn, "MP101") == {"fork", "spawn", "forkserver"}
    fork = spawn.replace('"spawn"', '"fork"')
    assert "MP101" not in codes(fork)


def test_max_tasks_per_child_executor_at_import_uses_spawn():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def f(x): return x
        with ProcessPoolExecutor(2, max_tasks_per_child=1) as ex:
            list(ex.map(f, [1]))
    """
    assert methods(src, "MP101") == {"fork", "spawn", "forkserver"}


def test_run_in_executor_at_import():
    src = """
        import asyncio
        from concurrent.futures import ProcessPoolExecutor

        def work():
            return 1

        pool = ProcessPoolExecutor()
        loop = asyncio.new_event_loop()
        loop.run_until_complete(loop.run_in_executor(pool, work))
    """
    assert rows(src, "MP101") == [8]


def test_thread_lookalikes_are_not_processes():
    src = """
        from multiprocessing.dummy import Pool as DummyPool
        from multiprocessing.pool import ThreadPool
        from threading import Thread as Process
        from concurrent.futures import ThreadPoolExecutor

        with DummyPool(2) as a, ThreadPool(2) as b, ThreadPoolExecutor() as c:
            a.map(lambda x: x, [1])
            b.map(lambda x: x, [1])
            c.submit(lambda: 1)
        t = Process(target=lambda: None)
        t.start()
    """
    assert codes(src) == set()


def test_process_subclass_started_at_import():
    src = """
        from multiprocessing import Process

        class Worker(Process):
            def run(self):
                print("hi")

        w = Worker()
        w.start()
    """
    assert rows(src, "MP101") == [9]


def test_side_effect_file_write_at_import():
    src = """
        import multiprocessing
        LOG = open("app.log", "w")

        def work():
            pass

        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert rows(src, "MP102") == [3]
    assert methods(src, "MP102") == SPAWNISH


def test_side_effect_read_only_open_or_no_processes_is_fine():
    read_only = """
        import multiprocessing
        CONFIG = open("config.ini").read()
        def work(): pass
        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert "MP102" not in codes(read_only)
    no_processes = """
        LOG = open("app.log", "w")
    """
    assert "MP102" not in codes(no_processes)


def test_side_effect_through_a_module_level_call():
    src = """
        import multiprocessing
        import shutil

        def reset():
            shutil.rmtree("out")

        reset()

        def work(): pass

        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                pool.map(work, [])
    """
    assert rows(src, "MP102") == [8]


def test_atexit_at_import_bites_spawn():
    src = """
        import atexit
        import multiprocessing
        atexit.register(print, "bye")
        def work(): pass
        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert methods(src, "MP102") == {"spawn"}


def test_targets_and_versions_restrict_methods():
    src = """
        import multiprocessing
        def work(): pass
        multiprocessing.Process(target=work).start()
    """
    from mpguard.config import Settings, merge

    linux_old, _ = merge(Settings(), {"targets": ["linux"], "pythonVersion": "3.12"})
    assert "MP101" not in codes(src, settings=linux_old)
    linux_new, _ = merge(Settings(), {"targets": ["linux"], "pythonVersion": "3.14"})
    assert methods(src, "MP101", settings=linux_new) == {"forkserver"}


def test_main_guard_fix_adds_freeze_support_when_configured():
    from mpguard.config import Settings, merge
    from mpguard.fixes.apply import apply_edits
    from helpers import found

    src = "from multiprocessing import Pool\n\ndef f(x):\n    return x\n\nwith Pool(2) as pool:\n    print(pool.map(f, [1]))\n"
    settings, warnings = merge(Settings(), {"freezeSupport": True})
    assert not warnings
    (finding,) = found(src, "MP101", settings=settings)
    fixed = apply_edits(src, finding.fix.edits)
    assert 'if __name__ == "__main__":\n    import multiprocessing\n    multiprocessing.freeze_support()\n' in fixed
    (plain,) = found(src, "MP101")
    assert "freeze_support" not in apply_edits(src, plain.fix.edits)


def test_imported_project_function_that_starts_processes_called_at_import(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "jobs.py").write_text(
        "from multiprocessing import Pool\n\ndef square(x):\n    return x * x\n\n"
        "def run():\n    with Pool(2) as pool:\n        return pool.map(square, [1, 2])\n\n"
        "def describe():\n    return 'jobs'\n")
    script = tmp_path / "main.py"
    script.write_text("from app.jobs import run, describe\nimport app.jobs as jobs\n\n"
                      "describe()\nrun()\njobs.run()\n\nif __name__ == '__main__':\n    run()\n")
    from mpguard.config import Settings
    from mpguard.linter.files import analyze_path

    found = [f for f in analyze_path(script, Settings()).findings if f.code == "MP101"]
    assert sorted(f.start.row for f in found) == [5, 6]


def test_idempotent_directory_creation_at_import_is_fine():
    src = """
        import os
        import multiprocessing
        os.makedirs("out", exist_ok=True)
        def work(): pass
        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert "MP102" not in codes(src)
    assert "MP102" in codes(src.replace(", exist_ok=True", ""))


def test_instantiating_a_class_whose_init_starts_a_pool_at_import():
    src = """
        from multiprocessing import Pool

        class Runner:
            def __init__(self):
                self.pool = Pool(2)

        def square(x):
            return x * x

        runner = Runner()
    """
    assert rows(src, "MP101") == [11]


def test_log_file_truncated_at_import():
    src = """
        import logging
        import multiprocessing
        logging.basicConfig(filename="run.log", filemode="w")
        def work(): pass
        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert rows(src, "MP102") == [4]
    assert "MP102" not in codes(src.replace(', filemode="w"', ""))


def test_only_side_effects_a_call_surely_reaches_count():
    src = """
        import multiprocessing

        class Trace:
            def __init__(self, active):
                if active:
                    self.out = open("trace.log", "w")

        def reset():
            open("state.txt", "w").close()

        TRACE = Trace(False)
        reset()

        def work():
            pass

        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
    """
    assert rows(src, "MP102") == [13]


def test_billiards_own_default_is_fork_on_linux_and_spawn_on_macos_and_windows():
    # fresh_libs billiard_pool_module_level_ok: billiard/context.py keeps its own default context
    from helpers import found
    src = """
        from billiard import Pool
        def measure(word):
            return len(word)
        pool = Pool(processes=2)
        print(pool.map(measure, ["a", "bb"]))
        pool.close()
    """
    [finding] = found(src, "MP101")
    assert finding.start_methods == frozenset()
    assert finding.extra_platforms == {"windows", "macos"}
    assert finding.fix is not None


def test_a_function_called_at_import_breaks_under_the_method_of_the_pool_it_reaches():
    # fresh_libs pebble_spawn_context_cli_unguarded: cli() -> run() -> a pool of a spawn context
    from helpers import found
    src = """
        import multiprocessing
        def work(x):
            return x
        def run(inputs):
            context = multiprocessing.get_context("spawn")
            with context.Pool(2) as pool:
                return pool.map(work, inputs)
        def cli():
            print(run([1, 2]))
        cli()
    """
    [finding] = found(src, "MP101")
    assert finding.start_methods == {"fork", "spawn", "forkserver"}
    forked = src.replace('get_context("spawn")', 'get_context("fork")')
    assert [f.code for f in found(forked, "MP101")] == []

"""Conditions: code that guards itself by platform or feature test runs only where the test holds
(semantic/conditions.py, rules/context.platforms_at), and a context chosen per platform is told per
platform."""
from helpers import codes, found, methods
from mpguard.linter.settings import Settings

# MP403 is outside the default set: the tests about it select it.
MP403_ON = Settings(select=("MP", "MP403"))

SPAWNISH = {"spawn", "forkserver"}


def test_fork_context_in_try_except_value_error_is_a_feature_test():
    src = """
        import multiprocessing
        try:
            CTX = multiprocessing.get_context("fork")
        except ValueError:
            CTX = multiprocessing.get_context("spawn")
        def make():
            def work(): pass
            return work
        def main():
            p = CTX.Process(target=make())
            p.start()
        if __name__ == "__main__":
            main()
    """
    assert "MP403" not in codes(src, settings=MP403_ON)
    # On Linux and macOS the fork context never pickles the target; on Windows spawn does.
    [finding] = found(src, "MP201")
    assert finding.start_methods == frozenset()
    assert finding.extra_platforms == {"windows"}


def test_fork_in_get_all_start_methods():
    src = """
        import multiprocessing
        if "fork" in multiprocessing.get_all_start_methods():
            CTX = multiprocessing.get_context("fork")
        else:
            CTX = multiprocessing.get_context("spawn")
        def tokenise(doc): return doc.split()
        def main():
            with CTX.Pool(2, initializer=lambda: None) as pool:
                pool.map(tokenise, ["a b"])
        if __name__ == "__main__":
            main()
    """
    assert "MP403" not in codes(src, settings=MP403_ON)
    assert methods(src, "MP201") == set()


def test_a_flag_derived_from_hasattr_os_fork():
    src = """
        import multiprocessing, os
        CAN_FORK = hasattr(os, "fork")
        def ctx():
            return multiprocessing.get_context("fork" if CAN_FORK else "spawn")
        if __name__ == "__main__":
            c = ctx()
            p = c.Process(target=lambda: None)
            p.start()
    """
    assert methods(src, "MP201") == set()


def test_os_name_posix_guard_at_the_caller():
    src = """
        import multiprocessing, os
        def run_forked():
            ctx = multiprocessing.get_context("fork")
            ctx.Process(target=print).start()
        if __name__ == "__main__":
            if os.name == "posix":
                run_forked()
    """
    assert "MP403" not in codes(src, settings=MP403_ON)


def test_an_unguarded_fork_context_still_breaks_on_windows():
    src = """
        import multiprocessing
        if __name__ == "__main__":
            ctx = multiprocessing.get_context("fork")
            ctx.Process(target=print).start()
    """
    assert "MP403" in codes(src, settings=MP403_ON)


def test_code_under_a_windows_only_branch_says_nothing_about_linux():
    src = """
        import sys
        from multiprocessing import Process
        def main():
            if sys.platform == "win32":
                p = Process(target=lambda: None)
                p.start()
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src, "MP201")
    assert finding.start_methods == frozenset()
    assert finding.extra_platforms == {"windows"}


def test_pytest_skipif_windows_marks_a_posix_only_test():
    src = """
        import sys, multiprocessing, pytest
        @pytest.mark.skipif(sys.platform == "win32", reason="fork only")
        def test_fork():
            ctx = multiprocessing.get_context("fork")
            ctx.Process(target=print).start()
    """
    assert "MP403" not in codes(src, settings=MP403_ON)


def test_a_context_chosen_by_an_expression_we_cannot_read_says_nothing_method_dependent():
    src = """
        import multiprocessing as mp
        def main(method):
            ctx = mp.get_context(method)
            ctx.Process(target=lambda: None).start()
        if __name__ == "__main__":
            main("fork" if mp.get_start_method() == "forkserver" else None)
    """
    assert "MP201" not in codes(src)


def test_a_feature_flag_set_in_try_except_and_a_membership_test_through_a_variable():
    # mpire/context.py and pebble's tests, reduced.
    src = """
        import multiprocessing as mp
        try:
            mp.get_context("fork")
            FORK_AVAILABLE = True
        except ValueError:
            FORK_AVAILABLE = False
        CONTEXTS = {"fork": mp.get_context("fork") if FORK_AVAILABLE else None}
        methods = mp.get_all_start_methods()
        if "forkserver" in methods:
            SERVER = mp.get_context("forkserver")
    """
    assert "MP403" not in codes(src, settings=MP403_ON)


def test_a_library_function_with_no_caller_here_says_nothing_about_windows():
    src = """
        import multiprocessing
        def parallel_context():
            return multiprocessing.get_context("fork")
    """
    assert "MP403" not in codes(src, settings=MP403_ON)
    called = src.replace('return multiprocessing.get_context("fork")',
                         'return multiprocessing.get_context("fork")\n        parallel_context()')
    assert "MP403" in codes(called, settings=MP403_ON)


def test_a_skip_marker_on_a_test_method():
    # loky's tests/test_resource_tracker.py
    src = """
        import multiprocessing, pytest
        class TestTracker:
            @pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
            def test_fork(self):
                ctx = multiprocessing.get_context("fork")
                ctx.Process(target=print).start()
    """
    assert "MP403" not in codes(src, settings=MP403_ON)


def test_a_helper_returning_the_fork_context_from_a_try_is_told_per_platform_in_a_function():
    # fresh_realistic conditions_ok_fork_context_helper_try (Gymnasium#468's shape): the helper's two
    # returns run on disjoint platforms, the `try` body's known to be one only after it was walked.
    src = """
        import multiprocessing
        def worker_context():
            try:
                return multiprocessing.get_context("fork")
            except ValueError:
                return multiprocessing.get_context("spawn")
        class Job:
            def __init__(self, fn):
                self.fn = fn
        def run(job):
            job.fn(1)
        def main():
            ctx = worker_context()
            p = ctx.Process(target=run, args=(Job(lambda s: s),))
            p.start()
            p.join()
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src, "MP203")
    assert finding.start_methods == frozenset()
    assert finding.extra_platforms == {"windows"}

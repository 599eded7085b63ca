"""Where a finding's code cannot run, it cannot break: the platforms a finding names (and its error rows)
leave out the ones its code never reaches. Two causes: a platform test around the code, and an
explicit fork or forkserver context, which Windows does not have (`get_context("fork")` raises
`ValueError: cannot find context for 'fork'` there before anything is forked)."""
from helpers import found
from mpguard.linter.analyze import analyze
from mpguard.linter.settings import Settings
from mpguard.rules import registry
from mpguard.rules.docs import error_rows
from mpguard.semantic.platforms import TargetSet

ALL = TargetSet()


def _platforms(finding):
    return ALL.affected(finding.start_methods, finding.extra_platforms, finding.unreachable_on)


def _row_platforms(finding):
    return {row["platform"] for row in error_rows(registry.get(finding.code), finding, ALL)}


def test_a_lambda_under_a_not_windows_test_does_not_break_on_windows():
    [finding] = found("""
        import multiprocessing, sys
        def main():
            if sys.platform != "win32":
                with multiprocessing.Pool(2) as pool:
                    pool.map(lambda x: x, [1])
        if __name__ == "__main__":
            main()
    """, "MP201")
    assert finding.unreachable_on == {"windows"}
    assert _platforms(finding) == ["macos", "linux<=3.13", "linux>=3.14"]
    assert _row_platforms(finding) == {"macos", "linux"}


def test_the_same_lambda_without_the_test_breaks_everywhere():
    [finding] = found("""
        import multiprocessing
        def main():
            with multiprocessing.Pool(2) as pool:
                pool.map(lambda x: x, [1])
        if __name__ == "__main__":
            main()
    """, "MP201")
    assert finding.unreachable_on == frozenset()
    assert _platforms(finding) == ["windows", "macos", "linux<=3.13", "linux>=3.14"]


FORK_AFTER_THREAD = """
    import multiprocessing, threading, time
    def work():
        pass
    if __name__ == "__main__":
        threading.Thread(target=time.sleep, args=(5,)).start()
        ctx = multiprocessing.get_context({method!r})
        ctx.Process(target=work).start()
"""


def test_an_explicit_fork_context_never_runs_on_windows():
    [finding] = found(FORK_AFTER_THREAD.format(method="fork"), "MP423")
    assert finding.start_methods == {"fork", "spawn", "forkserver"}  # whatever the default
    assert finding.unreachable_on == {"windows"}
    assert "windows" not in _platforms(finding)
    assert "windows" not in _row_platforms(finding)


def test_a_context_chosen_per_platform_keeps_windows_where_its_method_bites():
    [finding] = found("""
        import multiprocessing, sys
        CTX = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
        def make():
            def work(): pass
            return work
        if __name__ == "__main__":
            CTX.Process(target=make()).start()
    """, "MP201")
    assert "windows" not in finding.unreachable_on
    assert "windows" in _platforms(finding)


def test_a_windows_only_target_drops_a_finding_that_cannot_run_there():
    source = FORK_AFTER_THREAD.format(method="fork").replace("\n    ", "\n")
    everywhere = analyze(source, settings=Settings()).findings
    windows = analyze(source, settings=Settings(targets=TargetSet(platforms=frozenset({"windows"})))).findings
    assert "MP423" in {f.code for f in everywhere}
    assert "MP423" not in {f.code for f in windows}


def test_a_task_of_an_explicit_forkserver_pool_never_runs_on_windows():
    """Tasks, their arguments and results are pickled under every method, but a pool of an explicit
    forkserver (or fork) context exists only where that method does: not on Windows."""
    src = """
        import multiprocessing, threading
        from concurrent.futures import ProcessPoolExecutor

        def work(x):
            return threading.Lock()

        if __name__ == "__main__":
            ctx = multiprocessing.get_context("forkserver")
            with ctx.Pool(2) as pool:
                pool.map(lambda x: x * 2, range(4))
            with ProcessPoolExecutor(2, mp_context=ctx) as ex:
                list(ex.map(work, range(2)))
                ex.submit(len, threading.Lock())
    """
    findings = [f for code in ("MP201", "MP203", "MP207") for f in found(src, code)]
    assert sorted(f.code for f in findings) == ["MP201", "MP203", "MP207"]
    for finding in findings:
        assert finding.unreachable_on == {"windows"}, finding.code
        assert _platforms(finding) == ["macos", "linux<=3.13", "linux>=3.14"], finding.code


def test_a_task_of_a_default_pool_still_breaks_on_windows():
    [finding] = found("""
        import multiprocessing
        if __name__ == "__main__":
            with multiprocessing.get_context().Pool(2) as pool:
                pool.map(lambda x: x * 2, range(4))
    """, "MP201")
    assert _platforms(finding) == ["windows", "macos", "linux<=3.13", "linux>=3.14"]

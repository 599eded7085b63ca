"""MP301 for a library object whose methods change it, handed to a child as an argument (rich #1120): the child
advances its copy of a rich `Progress` (catalog `stateful_objects`) and the parent, after the join, reads its own,
which never moved. `Progress` holds an RLock, so only a forked Process's child gets a copy (spawn fails to pickle
it first: MP203). Silent when the child only reads it, the parent never reads it again, the child is a pool's task
or a spawned one. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, codes, methods, rows, run_program, skip_without

PROGRAM = """
    import multiprocessing

    from rich.console import Console
    from rich.progress import Progress


    def tick(progress, task_id, steps):
        for _ in range(steps):
            CHILD


    def main():
        ctx = multiprocessing.get_context(METHOD)
        progress = Progress(console=Console(file=open("/dev/null", "w")), auto_refresh=False)
        task_id = progress.add_task("fit", total=6)
        workers = [ctx.Process(target=tick, args=(progress, task_id, 3)) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        AFTER


    if __name__ == "__main__":
        main()
"""


def program(child="progress.advance(task_id)", method="None", after="print('completed', progress.tasks[0].completed)"):
    return PROGRAM.replace("CHILD", child).replace("METHOD", method).replace("AFTER", after)


def test_a_child_advancing_its_copy_of_a_progress():
    src = program()
    assert rows(src, "MP301") == [10]  # (`progress.advance(task_id)` in the child)
    assert methods(src, "MP301") == {"fork"}  # (spawn and forkserver fail to pickle it: MP203)
    assert "MP203" in codes(src)


def test_an_explicit_fork_context_bites_under_every_default():
    assert methods(program(method='"fork"'), "MP301") == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("changes", [
    {"child": "print(progress.tasks[0].total)"},   # the child only reads it
    {"after": "print('done')"},                    # the parent never reads it again
    {"method": '"spawn"'},                         # no copy: the child cannot be given it
])
def test_near_misses_are_silent(changes):
    assert "MP301" not in codes(program(**changes))


def test_a_pool_task_is_not_given_a_copy():
    src = """
        from multiprocessing import Pool
        from rich.progress import Progress

        def tick(progress):
            progress.advance(0)

        if __name__ == "__main__":
            progress = Progress()
            with Pool(2) as pool:
                pool.map(tick, [progress])
            print(progress.tasks)
    """
    assert "MP301" not in codes(src)  # (the task's arguments are pickled: MP203 says why it fails)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_the_parents_progress_never_moves(tmp_path, method):
    skip_without("rich")
    path = tmp_path / "ticks.py"
    path.write_text(textwrap.dedent(program()))
    out = run_program(path, method, timeout=30)
    if method == "fork":
        assert_outcome(out, False, "", "completed 0")
    else:
        assert_outcome(out, True, ("cannot pickle '_thread.RLock' object",), "")

"""MP204's fix follows the primitive to where it is made: a multiprocessing Lock kept in an options dict, a Queue
bound to a name, handed to pool tasks (fresh_realistic2b container_counter_options_mp_lock_pool, fresh_libs2
joblib_mp_backend_queue_progress_arg; both fixed programs ran clean under fork, spawn and forkserver with
scripts/verify_fixes.py). The Manager is made just before, in the same function, so it lives while the tasks run;
a primitive made in another function of the module (a helper returning a context dict, PhyloSuite #129's shape,
fresh_realistic3 args_phylosuite_mp_queue_in_apply_async) gets its Manager there: each proxy keeps its Manager
alive (`BaseProxy._manager`), proven below with a collection after the helper returns. Not in a loop (a Manager
process per turn)."""
import textwrap

import pytest
from helpers import run_program

from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze

SOURCE = textwrap.dedent('''
    import multiprocessing


    def count(doc, options):
        with options["lock"]:
            return len(doc)


    def make_options():
        return {"lock": multiprocessing.Lock()}


    def main():
        OPTIONS
        with multiprocessing.Pool(2) as pool:
            return pool.starmap(count, [(d, options) for d in ["a", "bb"]])


    if __name__ == "__main__":
        print(main())
''')


def fixed(options: str) -> str:
    source = SOURCE.replace("OPTIONS", options)
    return fix_all(source, lambda text: analyze(text, "case.py").findings, unsafe=True)[0]


def test_a_lock_kept_in_a_dict_becomes_a_manager_proxy():
    text = fixed('options = {"lang": "en", "lock": multiprocessing.Lock()}')
    assert "    manager = multiprocessing.Manager()\n    options = {\"lang\": \"en\", \"lock\": manager.Lock()}" in text
    assert [f.code for f in analyze(text, "case.py").findings] == []


def test_a_lock_made_in_another_function_gets_its_manager_there():
    # each proxy keeps its Manager (BaseProxy._manager, 3.10 to 3.13): the Manager outlives the helper's return
    text = fixed("options = make_options()")
    assert '    manager = multiprocessing.Manager()\n    return {"lock": manager.Lock()}\n' in text
    assert [f.code for f in analyze(text, "case.py").findings] == []


def test_no_fix_when_the_helper_makes_it_in_a_loop():
    source = SOURCE.replace("OPTIONS", "options = make_options()").replace(
        '    return {"lock": multiprocessing.Lock()}',
        '    for _ in range(2):\n        options = {"lock": multiprocessing.Lock()}\n    return options')
    [finding] = [f for f in analyze(source, "case.py").findings if f.code == "MP204"]
    assert finding.fix is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_made_in_another_function(tmp_path, method):
    path = tmp_path / "prog.py"
    path.write_text(fixed("options = make_options()\n    gc.collect()").replace(
        "import multiprocessing\n", "import gc\nimport multiprocessing\n", 1))
    out = run_program(path, method, timeout=120)
    assert out.returncode == 0 and "[1, 2]" in out.stdout, out.stderr

"""MP204's fix follows the primitive to where it is made: a multiprocessing Lock kept in an options dict, a Queue
bound to a name, handed to pool tasks (fresh_realistic2b container_counter_options_mp_lock_pool, fresh_libs2
joblib_mp_backend_queue_progress_arg; both fixed programs ran clean under fork, spawn and forkserver with
scripts/verify_fixes.py). The Manager is made just before, in the same function, so it lives while the tasks run;
a primitive made in another function (a helper returning a context dict) gets no fix: a Manager made there would
be collected when it returns."""
import textwrap

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


def test_no_fix_when_the_lock_is_made_in_another_function():
    source = SOURCE.replace("OPTIONS", "options = make_options()")
    [finding] = [f for f in analyze(source, "case.py").findings if f.code == "MP204"]
    assert finding.fix is None

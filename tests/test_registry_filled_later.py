"""A module-level registry a decorator factory fills (`register("low")(lambda s: ...)`, `@register("up")`): the
closure `register(...)` returns is what is called, so its parameter holds the lambda (not the factory's `name`),
and `HANDLERS[kind]`, read in a function walked before the decorator's body, is looked up once the walk is over.
Observed: the lambda fails as a Pool task under fork, spawn and forkserver (PicklingError); the fixed program
(the lambda lifted to a module-level def) ran clean under all three."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

from helpers import at_crossing

PROGRAM = textwrap.dedent("""
    import multiprocessing

    HANDLERS = {}


    def register(name):
        def deco(fn):
            HANDLERS[name] = fn
            return fn
        return deco


    @register("up")
    def upper(s):
        return s.upper()


    register("low")(LOW)


    def run(kind, items):
        with multiprocessing.Pool(2) as pool:
            return pool.map(HANDLERS[kind], items)


    if __name__ == "__main__":
        print(run("low", ["Ab"]))
""")


def codes(low: str) -> list:
    return [(f.code, f.start.row) for f in analyze(PROGRAM.replace("LOW", low), "case.py").findings]


def test_a_lambda_registered_through_the_factorys_closure():
    assert codes("lambda s: s.lower()") == [("MP201", 24)]


@pytest.mark.parametrize("low", ["str.lower", "upper"])
def test_named_functions_only_are_fine(low):
    assert codes(low) == []


def test_the_closure_call_is_not_a_call_of_the_factory():
    """`make(3)(x)` binds x to the closure's parameter: a lock passed there is not the factory's `factor`."""
    source = textwrap.dedent('''
        import multiprocessing
        import threading


        def make(factor):
            def start(lock):
                p = multiprocessing.Process(target=print, args=(lock,))
                p.start()
                return p
            return start


        if __name__ == "__main__":
            make(3)(threading.Lock()).join()
    ''')
    assert [f.code for f in at_crossing(analyze(source, "case.py").findings)] == ["MP203"]

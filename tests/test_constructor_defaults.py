"""A constructor's parameter default stored in `self` is judged for the call that made the instance: only the
parameters the call leaves out take their defaults. A default naming a lambda bound once at the module's top
(`identity = lambda x: x`, CloserLookFewShot #80's `target_transform=identity`) is that lambda, which pickle
looks up by its qualified name `<lambda>` and cannot find. A call that gives the parameter, or unpacks
`*args`/`**extra` (whether the default applies is not known), says nothing."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, found, methods, run_program

PROGRAM = """
    import multiprocessing

    identity = lambda x: x


    class Sub:
        def __init__(self, label, target_transform=identity):
            self.label = label
            self.target_transform = target_transform


    def work(sub):
        print("label", sub.label)


    if __name__ == "__main__":
        sub = MAKE
        p = multiprocessing.Process(target=work, args=(sub,))
        p.start()
        p.join()
        print("exit", p.exitcode)
"""


def program(make: str) -> str:
    return textwrap.dedent(PROGRAM).replace("MAKE", make)


def test_a_module_lambda_left_to_its_default_is_reported():
    reported = found(program("Sub(1)"), "MP203")
    assert len(reported) == 1 and ".target_transform is a lambda" in reported[0].message
    assert methods(program("Sub(1)"), "MP203") == {"spawn", "forkserver"}


def test_a_module_lambda_default_in_a_held_instance_is_reported():
    src = program("Holder()").replace("def work(sub):", textwrap.dedent("""
        class Holder:
            def __init__(self):
                self.subs = [Sub(i) for i in range(3)]


        def work(sub):""").strip("\n"))
    assert "MP203" in codes(src.replace('sub.label', 'len(sub.subs)'))


@pytest.mark.parametrize("make", ["Sub(1, str)", "Sub(1, target_transform=str)", "Sub(*(1, str))",
                                  "Sub(1, **{'target_transform': str})"])
def test_a_call_that_gives_the_parameter_or_unpacks_is_silent(make):
    assert "MP203" not in codes(program(make))


def test_a_lambda_literal_default_the_call_replaces_is_silent():
    """(was reported: the default was judged whatever the call gave)"""
    src = program("Sub(1, target_transform=str)").replace("target_transform=identity", "target_transform=lambda x: x")
    assert "MP203" not in codes(src)
    assert "MP203" in codes(program("Sub(1)").replace("target_transform=identity", "target_transform=lambda x: x"))


@pytest.mark.parametrize("binding", ["def identity(x):\n    return x",
                                     "identity = lambda x: x\nidentity = str",
                                     "from os.path import basename as identity"])
def test_a_default_naming_no_single_module_lambda_is_silent(binding):
    src = program("Sub(1)").replace("identity = lambda x: x", binding)
    assert "MP203" not in codes(src)


def test_a_factory_call_is_not_read_as_the_constructor_call():
    src = program("Sub.make(str)").replace("    def work(sub):", "    def work(sub):").replace(
        "            self.target_transform = target_transform",
        "            self.target_transform = target_transform\n\n"
        "        @classmethod\n        def make(cls, transform):\n            return cls(1, transform)")
    assert "MP203" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("make", ["Sub(1)", "Sub(1, str)"])
def test_runtime_module_lambda_default(tmp_path, method, make):
    """Left to its default, the lambda travels with the Process arguments: pickle cannot find `<lambda>` in the
    module under spawn and forkserver; given `str`, it runs under every method; fork pickles nothing."""
    path = tmp_path / "defaults.py"
    path.write_text(program(make))
    out = run_program(path, method)
    fails = make == "Sub(1)" and method != "fork"
    assert_outcome(out, fails, ("attribute lookup <lambda>", "Can't pickle <function <lambda>"), "exit 0")

# family: start_method
# hazard: set-start-method-misuse
# line: r6kit/mutcli.py:4
# files: r6kit/mutcli.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: github.com/boxed/mutmut/issues/466 -- run as `python -m mutmut run`, the CLI module is executed as __main__ and its stats step imports the same module by name, so its module-level set_start_method("fork") runs a second time ("RuntimeError: context has already been set").
import runpy
import sys


def run_module_as_main(name, argv):
    saved = sys.argv
    sys.argv = [name] + list(argv)
    try:
        return runpy.run_module(name, run_name="__main__")
    finally:
        sys.argv = saved


def cli(argv):
    namespace = run_module_as_main("r6kit.mutcli", argv)
    return namespace["HITS"]


if __name__ == "__main__":
    print("RESULT=%s" % cli(["run"]))

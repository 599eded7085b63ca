# family: start_method
# hazard: none
# line: none
# files: r6kit/mutcli_safe.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/boxed/mutmut/pull/483 -- the fix: the module sets the start method only when get_start_method(allow_none=True) is None, so executing it a second time is harmless.
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
    namespace = run_module_as_main("r6kit.mutcli_safe", argv)
    return namespace["HITS"]


if __name__ == "__main__":
    print("RESULT=%s" % cli(["run"]))

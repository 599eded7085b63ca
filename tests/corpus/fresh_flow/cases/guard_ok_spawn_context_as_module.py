# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss modelled on https://github.com/pyinstaller/pyinstaller/issues/5565 (the module name `multiprocessing` is rebound to get_context("spawn") at import; every process start sits under the main guard with freeze_support, so the plain interpreter runs it under every default method).
"""Run a self-test in a spawned subprocess and report what it printed."""
import multiprocessing
import sys

multiprocessing = multiprocessing.get_context("spawn")


def self_test(results):
    checks = {"math": 2 + 2 == 4, "str": "a".upper() == "A", "list": sorted([3, 1, 2]) == [1, 2, 3]}
    results.put(sorted(name for name, ok in checks.items() if ok))


def run_self_test():
    results = multiprocessing.Queue()
    proc = multiprocessing.Process(target=self_test, args=(results,))
    proc.start()
    passed = results.get(timeout=30)
    proc.join()
    return passed


def main():
    print(sys.argv[:1])
    multiprocessing.freeze_support()
    passed = run_self_test()
    print("passed:", ", ".join(passed))
    print("RESULT=%d" % len(passed))
    return 0 if len(passed) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())

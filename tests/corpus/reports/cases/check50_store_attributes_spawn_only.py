# family: globals
# hazard: parent-state-not-inherited
# line: 32
# expect: fork=ok spawn=ok forkserver=wrong_result
# note: Reduced from https://github.com/cs50/check50/pull/396 ("support forkserver multiprocessing start method (Python 3.14+)": check50's runner copied run_root_dir and other module attributes into the check process only when get_start_method() == "spawn", so forkserver children saw None; the fix inverts the test to skip only for "fork"). Kept: module-level internal attributes set by the runner, the _store_attributes/_set_attributes pair guarded by the start-method test, a CheckRunner running each check in a Process with a result queue.
"""Run each check of a problem set in its own process and report pass/fail."""
import multiprocessing
import os
import sys
import tempfile

# check50.internal: set by the runner before the checks run
run_root_dir = None
slug = None


class CheckRunner:
    def __init__(self, checks, root_dir, check_slug):
        self.checks = checks
        self.root_dir = root_dir
        self.slug = check_slug

    def _store_attributes(self):
        """Capture the internal attributes a fresh interpreter would not have."""
        if multiprocessing.get_start_method() == "spawn":
            self.attribute_values = {"run_root_dir": run_root_dir, "slug": slug}
        else:
            self.attribute_values = {}

    def run(self):
        global run_root_dir, slug
        run_root_dir, slug = self.root_dir, self.slug
        self._store_attributes()
        results = {}
        for name in self.checks:
            queue = multiprocessing.Queue()
            proc = multiprocessing.Process(target=run_check,
                                           args=(name, self.attribute_values, queue))
            proc.start()
            results[name] = queue.get(timeout=10)
            proc.join()
        return results


def _set_attributes(attribute_values):
    for key, value in attribute_values.items():
        globals()[key] = value


def run_check(name, attribute_values, queue):
    _set_attributes(attribute_values)
    if run_root_dir is None:
        queue.put("error: run_root_dir not set")
        return
    target = os.path.join(run_root_dir, name + ".c")
    queue.put("pass" if os.path.exists(target) else "fail")


def main():
    with tempfile.TemporaryDirectory() as root:
        for name in ("hello", "mario"):
            open(os.path.join(root, name + ".c"), "w").close()
        results = CheckRunner(["hello", "mario"], root, "cs50/problems/hello").run()
    print("RESULT=%s" % sorted(results.items()))
    return 0 if set(results.values()) == {"pass"} else 3


if __name__ == "__main__":
    sys.exit(main())

# family: globals
# hazard: parent-state-not-inherited
# line: 29 41 16
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: Pool shape of https://github.com/blacklanternsecurity/bbot/issues/3366 (`_create_process_pool()` makes a ProcessPoolExecutor with `max_tasks_per_child=25`; "our start method is spawn, so every replacement is a cold interpreter that re-imports the callback's module"): with max_tasks_per_child and no mp_context the executor uses spawn even where fork is the default, so secrets the scanner loaded into a module global at startup are missing in the workers that run the callback.
"""Check HTTP responses for known secrets in a process pool."""
import sys
from concurrent.futures import ProcessPoolExecutor

KNOWN_SECRETS = {}


def load_secrets(lines):
    for line in lines:
        name, value = line.split("=", 1)
        KNOWN_SECRETS[value] = name


def carve_all_modules(body):
    return sorted(name for value, name in KNOWN_SECRETS.items() if value in body)


class Helper:
    def __init__(self, num_processes):
        self.num_processes = num_processes
        self.process_pool = None

    def _create_process_pool(self):
        self.process_pool = ProcessPoolExecutor(max_workers=self.num_processes, max_tasks_per_child=25)
        return self.process_pool

    def run_in_executor_mp(self, fn, *args):
        return self.process_pool.submit(fn, *args)


def main():
    load_secrets(["django=insecure-key-123", "flask=changeme"])
    helper = Helper(2)
    with helper._create_process_pool():
        bodies = ["SECRET_KEY = 'insecure-key-123'", "app.secret_key = 'changeme'", "nothing here"]
        futures = [helper.run_in_executor_mp(carve_all_modules, body) for body in bodies]
        found = [f.result() for f in futures]
    print("RESULT=%s" % found)
    return 0 if found[0] == ["django"] and found[1] == ["flask"] else 3


if __name__ == "__main__":
    sys.exit(main())

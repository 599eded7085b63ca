# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: A variant of the pool of https://github.com/blacklanternsecurity/bbot/issues/3366 that works: the executor still retires workers (`max_tasks_per_child=25`, hence spawn), but every fresh worker loads the secrets itself through the executor's initializer.
"""Check HTTP responses for known secrets in a process pool."""
import sys
from concurrent.futures import ProcessPoolExecutor

KNOWN_SECRETS = {}
SECRET_LINES = ["django=insecure-key-123", "flask=changeme"]


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
        self.process_pool = ProcessPoolExecutor(max_workers=self.num_processes, max_tasks_per_child=25,
                                                initializer=load_secrets, initargs=(SECRET_LINES,))
        return self.process_pool

    def run_in_executor_mp(self, fn, *args):
        return self.process_pool.submit(fn, *args)


def main():
    load_secrets(SECRET_LINES)
    helper = Helper(2)
    with helper._create_process_pool():
        bodies = ["SECRET_KEY = 'insecure-key-123'", "app.secret_key = 'changeme'", "nothing here"]
        futures = [helper.run_in_executor_mp(carve_all_modules, body) for body in bodies]
        found = [f.result() for f in futures]
    print("RESULT=%s" % found)
    return 0 if found[0] == ["django"] and found[1] == ["flask"] else 3


if __name__ == "__main__":
    sys.exit(main())

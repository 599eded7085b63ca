# family: forkserver
# hazard: forkserver-stale-environment
# line: 22 38
# expect: fork=ok spawn=ok forkserver=wrong_result
# note: https://github.com/razzant/ouroboros/issues/677 -- under forkserver, workers are forked from a helper exec'd at the first spawn, so a credential the server removed from os.environ afterwards still appears in every later worker's environment (under fork it does not)
import multiprocessing
import os
import sys


def worker_env(key, out_q):
    out_q.put(os.environ.get(key, "<unset>"))


class Supervisor:
    def __init__(self):
        self.out_q = multiprocessing.Queue()

    def apply_settings(self, settings):
        for key, value in settings.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def spawn_worker(self, key):
        proc = multiprocessing.Process(target=worker_env, args=(key, self.out_q))
        proc.start()
        seen = self.out_q.get(timeout=10)
        proc.join()
        return seen


def main():
    sup = Supervisor()
    sup.apply_settings({"OURO_API_TOKEN": "tok-123"})
    first = sup.spawn_worker("OURO_API_TOKEN")
    sup.apply_settings({"OURO_API_TOKEN": None})
    second = sup.spawn_worker("OURO_API_TOKEN")
    print(f"RESULT={first},{second}")
    sys.exit(0 if second == "<unset>" else 3)


if __name__ == "__main__":
    main()

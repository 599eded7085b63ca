# family: forkserver
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/razzant/ouroboros/issues/677 -- why routing was unaffected: each worker receives the current settings with its task and applies them at task start, instead of trusting the inherited environment
import multiprocessing
import os
import sys


def worker_env(settings, key, out_q):
    for name, value in settings.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    out_q.put(os.environ.get(key, "<unset>"))


class Supervisor:
    def __init__(self):
        self.out_q = multiprocessing.Queue()
        self.settings = {}

    def apply_settings(self, settings):
        self.settings.update(settings)

    def spawn_worker(self, key):
        proc = multiprocessing.Process(target=worker_env, args=(dict(self.settings), key, self.out_q))
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
    sys.exit(0 if first == "tok-123" and second == "<unset>" else 3)


if __name__ == "__main__":
    main()

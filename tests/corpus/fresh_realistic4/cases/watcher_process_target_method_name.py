# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the directory watcher mapping event names to module-level handler functions.
import multiprocessing as mp


def on_created(path):
    print(f"indexed {path}")


def on_deleted(path):
    print(f"dropped {path}")


class Watcher:
    def __init__(self, folder):
        self.folder = folder
        self.handlers = {"created": on_created, "deleted": on_deleted}

    def dispatch(self, event, path):
        handler = self.handlers[event]
        proc = mp.Process(target=handler, args=(f"{self.folder}/{path}",))
        proc.start()
        proc.join()
        return proc.exitcode


if __name__ == "__main__":
    print("RESULT=%s" % Watcher("/srv/inbox").dispatch("created", "report.pdf"))

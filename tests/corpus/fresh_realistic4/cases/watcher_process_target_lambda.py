# family: callable
# hazard: unpicklable-callable
# line: 19
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: a directory-watcher service whose handlers dict maps event names to lambdas; the chosen handler becomes a Process target.
import multiprocessing as mp


class Watcher:
    def __init__(self, folder):
        self.folder = folder
        self.handlers = {
            "created": lambda path: print(f"indexed {path}"),
            "deleted": lambda path: print(f"dropped {path}"),
        }

    def dispatch(self, event, path):
        handler = self.handlers[event]
        proc = mp.Process(target=handler, args=(f"{self.folder}/{path}",))
        proc.start()
        proc.join()
        return proc.exitcode


if __name__ == "__main__":
    print("RESULT=%s" % Watcher("/srv/inbox").dispatch("created", "report.pdf"))

# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/vertexproject/synapse/pull/3036 -- the PR's approach: the todo wrapper catches whatever the todo raised and returns a plain, picklable error record (class name and message) that the parent turns back into an exception
import multiprocessing
import sys
import threading


class Storage:
    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()


class TodoError(Exception):
    def __init__(self, mesg, storage):
        super().__init__(mesg)
        self.storage = storage


class SpawnError(Exception):
    pass


def run_todo(todo):
    name, size = todo
    storage = Storage(name)
    if size > 100:
        raise TodoError(f"{name}: layer too large ({size})", storage)
    return name, size * 2


def spawn_todo(todo):
    try:
        return ("ok", run_todo(todo))
    except Exception as exc:
        return ("err", (type(exc).__name__, str(exc)))


def main():
    todos = [("nodes", 10), ("edges", 500), ("props", 20)]
    with multiprocessing.Pool(2) as pool:
        outcomes = pool.map(spawn_todo, todos)
    try:
        for status, value in outcomes:
            if status == "err":
                raise SpawnError("%s: %s" % value)
    except SpawnError as exc:
        print(f"RESULT=error:{exc}")
        sys.exit(0)
    sys.exit(3)


if __name__ == "__main__":
    main()

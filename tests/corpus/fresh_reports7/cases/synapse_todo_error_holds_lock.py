# family: results
# hazard: unpicklable-exception
# line: 27
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/vertexproject/synapse/pull/3036 -- exceptions raised by a "spawn todo" were sent back to the parent as they were, and some of them carried objects that cannot be pickled; the PR wraps them first
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


def run_todo(todo):
    name, size = todo
    storage = Storage(name)
    if size > 100:
        raise TodoError(f"{name}: layer too large ({size})", storage)
    return name, size * 2


def main():
    todos = [("nodes", 10), ("edges", 500), ("props", 20)]
    with multiprocessing.Pool(2) as pool:
        try:
            results = pool.map(run_todo, todos)
        except TodoError as exc:
            print(f"RESULT=error:{exc}")
            sys.exit(0)
    print("RESULT=" + ",".join(name for name, _ in results))
    sys.exit(3)


if __name__ == "__main__":
    main()

"""`with X(...) as name` binds what X.__enter__ returns. optuna's StorageSupplier (tests/storages_tests, sweep 1) returns
the storage it opens, not itself: `storage.url` is a string, not a bound method of the supplier (which keeps a Thread).
The object itself is bound only for what returns itself: pools, files, and a class of the module whose __enter__
returns `self`."""
import textwrap

from mpguard.linter.analyze import analyze

PROGRAM = """
import multiprocessing
import threading


class Supplier:
    def __init__(self):
        self.thread = threading.Thread(target=print)
        self.url = "sqlite:///db"

    def __enter__(self):
        return {entered}

    def __exit__(self, *exc):
        return False

    def run(self, url):
        pass


def work(url):
    return url


if __name__ == "__main__":
    with Supplier() as storage:
        p = multiprocessing.Process(target=work, args=(storage.run,))
        p.start()
        p.join()
"""


def mp203(entered: str) -> list:
    source = PROGRAM.replace("{entered}", entered)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP203"]


def test_enter_returning_self_binds_the_object():
    [finding] = mp203("self")
    assert ".thread is a threading.Thread object" in finding.message


def test_enter_returning_something_else_is_not_the_object():
    assert mp203("self.url") == []
    assert mp203("open_storage(self.url)") == []
